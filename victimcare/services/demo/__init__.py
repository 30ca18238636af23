"""Fictional demonstration data: whole case graphs that look like an officer's real caseload.

Everything here is invented. Names are drawn from many backgrounds (names.py); addresses are
on made-up streets in postcode districts that do not exist (places.py); phone numbers come
only from Ofcom's ranges reserved for drama and email addresses only from example.org and
example.com (victim.py).

The same seed and the same `today` always give exactly the same data: one `random.Random`
drives every choice, and no clock is read except to default `today`
(tests/services/test_demo_pinned.py holds the digests of what a few seeds store).

caseload.py runs the whole thing; case_builder.py draws one case part by part, each part in
its own module (victim, investigation, safe_contact, contact_log with narratives, care_plan,
promises), sharing a CaseStory (story.py).
"""

from victimcare.services.demo.caseload import generate_demo

__all__ = ["generate_demo"]
