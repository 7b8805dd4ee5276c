"""The incident record kernel: the field specification, the typed incident value, validation,
derived values and the one operations module that writes incidents. Every feature depends on
this package; it depends on none of them."""
