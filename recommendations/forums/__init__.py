"""Thematic forums of the private area: threads, replies and their moderation."""
