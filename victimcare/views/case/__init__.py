"""The parts of one case on screen: the header, and one widget per tab (overview, contact
log, care plan, commitments, events). `victimcare.views.case_view.CaseView` puts them
together; each part draws a case with `show_case(case)` and wipes what it shows with
`clear()`, which the lock relies on."""
