"""Pure string normalizers: what a page says → the archive's normalized values."""
