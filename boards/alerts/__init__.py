"""Alerts to followers of boards and actions: planner (pure), facts, sender, Celery tasks."""
