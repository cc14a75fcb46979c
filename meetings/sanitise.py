"""
Rich text typed by officers is cleaned before it is stored (committees/rich_text.py, which
the committees' own texts share); named here too for the apps that clean agenda text.
"""

from committees.rich_text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, clean_html

__all__ = ["ALLOWED_ATTRIBUTES", "ALLOWED_TAGS", "clean_html"]
