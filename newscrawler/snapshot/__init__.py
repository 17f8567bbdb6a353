"""The local snapshot site: SANA-shaped pages of both layouts on 127.0.0.1 (docs/snapshot.md)."""
