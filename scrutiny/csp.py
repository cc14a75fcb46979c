"""Content-Security-Policy exceptions, each named for the pages it is for."""

from csp.decorators import csp_update

# A paper's print view is the very HTML its PDF is rendered from, styled by the <style>
# element in papers/print_base.html, with no script at all. Rendered without a request
# (as in the pack build), it cannot carry the response's nonce, so its styles are allowed
# inline. Pages with scripts keep the strict policy.
print_view = csp_update({"style-src": ["'unsafe-inline'"]})
