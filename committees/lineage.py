"""A committee and the committees it replaced: their records read as one history."""


def lineage(committee) -> list:
    """The committee first, then its predecessor, then that one's predecessor."""
    chain = [committee]
    while chain[-1].predecessor_id and len(chain) < 10:
        chain.append(chain[-1].predecessor)
    return chain


def lineage_ids(committee) -> list[int]:
    return [each.pk for each in lineage(committee)]
