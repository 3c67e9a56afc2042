"""The curation loop: votes on answers and unanswered questions, stored durably, and the
reports curators read to fix the knowledge base."""
