"""newscrawler: an archival crawler for news-agency output."""
