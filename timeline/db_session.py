"""Session settings every PostgreSQL connection of Chronicle uses.

Kept apart from settings.py so tools that talk to the database directly
(the API benchmark replaying the views' SQL) open their sessions the same way.
"""

# JIT compilation pays off for long analytical queries, not for the short
# filtered pages Chronicle serves: the planner's estimates for EXISTS filters
# over many rows cross ``jit_above_cost`` easily, and compiling then costs
# more than the query (0.8 s of a 1.8 s admin search at 100,000 events).
POSTGRES_OPTIONS = "-c jit=off"
