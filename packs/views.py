def publish(r): pass
publish_supplement = progress = retry = download = publish
