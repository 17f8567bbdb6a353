"""Scrapy spiders: navigation only (which URLs, in what order, when to stop)."""
