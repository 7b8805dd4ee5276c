"""Review workflow of incidents: submit, verify, return for changes; assignments (the
services and forms; the case page's panel posts to `cases.review_views`)."""
