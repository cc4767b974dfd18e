"""Tracking pages: scenarios, situations, the evaluation grid. Each goes through the policy."""
