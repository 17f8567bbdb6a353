"""Page parsers: one module per SANA layout, turning fetched markup into `RawArticle`/`Listing`."""
