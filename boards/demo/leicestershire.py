"""The Leicestershire Health and Wellbeing Board as its papers of 17 November 2016 show it.

Sources: ../shared/seeds/002_588078e90ca90d75.txt (minutes 320-334 and the action
log) and the project's reading of that log in shared/domain.md. Where the papers
do not say something the demo needs, the choice is marked "(demo)".
"""

from datetime import date
from typing import Any

BOARD = {
    "slug": "leicestershire-hwb",
    "name": "Leicestershire Health and Wellbeing Board",
    "description": "The statutory Health and Wellbeing Board for Leicestershire.",
    "rag_key": "rag",
}

# (slug, name, kind)
ORGANISATIONS = [
    ("leicestershire-county-council", "Leicestershire County Council", "council"),
    ("west-leicestershire-ccg", "West Leicestershire CCG", "icb"),
    ("east-leicestershire-and-rutland-ccg", "East Leicestershire and Rutland CCG", "icb"),
    ("healthwatch-leicestershire", "Healthwatch Leicestershire", "healthwatch"),
    ("leicestershire-district-councils", "Leicestershire District Councils", "council"),
    ("nhs-england", "NHS England", "nhse"),
    ("leicestershire-police", "Leicestershire Police", "police"),
    ("leicestershire-partnership-trust", "Leicestershire Partnership Trust", "trust"),
]

# Attendance group headings as printed, and the organisation each stands for.
GROUP_ORGANISATIONS = {
    "Leicestershire County Council": "leicestershire-county-council",
    "Healthwatch Leicestershire": "healthwatch-leicestershire",
    "Leicestershire District Councils": "leicestershire-district-councils",
    "NHS England": "nhs-england",
    "Leicestershire Police": "leicestershire-police",
    "Leicestershire Partnership Trust": "leicestershire-partnership-trust",
}

# People whose job title or organisation the papers state. Email addresses are
# demo addresses under example.org (reserved for examples), so nothing is ever delivered.
# (name, job title, organisation slug)
KNOWN_PEOPLE = [
    ("Mike Sandys", "Director of Public Health", "leicestershire-county-council"),
    ("Paul Meredith", "Director of Children and Family Services", "leicestershire-county-council"),
    ("Toby Sanders", "STP Lead for LLR and Managing Director", "west-leicestershire-ccg"),
    ("Karen English", "Managing Director", "east-leicestershire-and-rutland-ccg"),
    ("Rick Moore", "Chair of Healthwatch Leicestershire", "healthwatch-leicestershire"),
    # Named in the action log only; the papers give no title or organisation.
    ("Jim Bosworth", "", None),
    ("Mike McHugh", "", None),
    ("Rosemary Palmer", "", None),
    ("Vandna Gohil", "", None),
]

# Logins that exist only in the demo: (username, password, person name, role). The role is
# on the board, except "admin": the organisation admin (governance lead) of ADMIN_ORGANISATION,
# who creates boards and appoints clerks.
DEMO_CLERK_NAME = "Demo Clerk"
DEMO_ADMIN_NAME = "Demo Governance Lead"
ADMIN_ORGANISATION = "leicestershire-county-council"
DEMO_LOGINS = [
    ("governance", "demo-admin-password", DEMO_ADMIN_NAME, "admin"),
    ("clerk", "demo-clerk-password", DEMO_CLERK_NAME, "clerk"),
    ("mike.sandys", "demo-officer-password", "Mike Sandys", "officer"),
    ("member", "demo-member-password", "Cllr Pam Posnett", "member"),
]

MEETING_17_NOV_2016: dict[str, Any] = {
    "starts_at": (2016, 11, 17, 14, 0),
    "ends_at": (2016, 11, 17, 15, 55),
    "venue": "County Hall, Glenfield",
    "status": "held",
    "chair": "Mr. E. F. White CC",
}

# The meetings that raised the older rows of the log. Only the cited minute and
# resolution are known from the log; times and titles are (demo).
EARLIER_MEETINGS = [
    {
        "starts_at": (2016, 1, 7, 14, 0),
        "item": ("254", "CAMHS Transformation Plan"),
        "resolution": (
            "(e)",
            "That progress reports on the CAMHS Transformation Plan, including performance "
            "information with regard to the outcomes framework, be received on a regular basis.",
        ),
    },
    {
        "starts_at": (2016, 3, 10, 14, 0),
        "item": ("266", "Parity of Esteem"),
        "resolution": (
            "(c)",
            "That a report be submitted to the Health and Wellbeing Board in July setting out a "
            "timed and quantified plan for addressing issues related to Parity of Esteem.",
        ),
    },
    {
        "starts_at": (2016, 5, 5, 14, 0),
        "item": ("286", "Health and Social Care Integration"),
        "resolution": (
            "(b)",
            "That the following items relating to health and social integration be considered "
            "at future meetings of the Board:- Lightbulb Business Case; Health and Wellbeing "
            "Outcomes for Social Prescribing; Summary Care Record Solution for Care Planning; "
            "Joint Commissioning Work Plan.",
        ),
    },
]

# The next meetings, as minute 334 gives them.
NEXT_MEETINGS = [(2016, 12, 6, 15, 0), (2017, 1, 5, 14, 0)]

# The action log as domain.md reads it: the truth the demo reproduces.
# Due dates are (demo), read from each row's comment or resolution:
# ("meeting", (y, m, d)) targets that meeting; ("date", date, text) keeps the text as written.
ACTION_LOG = [
    {
        "reference": "254(e)",
        "date": date(2016, 1, 7),
        "action": "Receive progress reports on the CAMHS Transformation Plan, including performance information with regard to the outcomes framework on a regular basis.",
        "officers": ["Paul Meredith"],
        "comment": "Next progress report is scheduled for meeting on 1 June 2017.",
        "status": "GREEN",
        "due": ("date", date(2017, 6, 1), "1 June 2017"),
    },
    {
        "reference": "266(c)",
        "date": date(2016, 3, 10),
        "action": "Submit a report to the Health and Wellbeing Board in July setting out a timed and quantified plan for addressing issues related to Parity of Esteem",
        "officers": ["Jim Bosworth", "Mike McHugh"],
        "comment": "Progress report circulated to the Board for information in September 2016. Report scheduled for January 2017",
        "status": "GREEN",
        "due": ("meeting", (2017, 1, 5)),
    },
    {
        "reference": "286(b)",
        "date": date(2016, 5, 5),
        "action": "Consider the following items relating to health and social integration at future meetings of the Board:- Lightbulb Business Case; Health and Wellbeing Outcomes for Social Prescribing; Summary Care Record Solution for Care Planning; Joint Commissioning Work Plan.",
        "officers": ["Rosemary Palmer"],
        "comment": "The Board has already considered reports on the emerging approach to Social Prescribing, Joint Commissioning and the Lightbulb Business Case. The Summary Care Record will be considered by the Board in January.",
        "status": "GREEN",
        "due": ("meeting", (2017, 1, 5)),
    },
    {
        "reference": "326(c)",
        "date": date(2016, 11, 17),
        "action": "Develop a delivery plan and performance framework for the Joint Health and Wellbeing Strategy to monitor progress against the Strategy and reported to the Health and Wellbeing Board in due course.",
        "officers": ["Mike Sandys"],
        "comment": "The delivery plan and performance framework for the Joint Health and Wellbeing Strategy will be reported to the Board in March 2017.",
        "status": "GREEN",
        "due": ("date", date(2017, 3, 31), "March 2017"),
    },
    {
        "reference": "327(b)",
        "date": date(2016, 11, 17),
        "action": "Hold a meeting of the Health and Wellbeing Board on Tuesday 6 December at 3pm to discuss the STP including governance arrangements and the role of the Health and Wellbeing Board.",
        "officers": ["Rosemary Palmer", "Toby Sanders"],
        "comment": "Meeting set up and reports submitted for consideration.",
        "status": "GREEN",
        "due": ("meeting", (2016, 12, 6)),
    },
    {
        "reference": "330(b)",
        "date": date(2016, 11, 17),
        "action": "That regular, targeted updates from the LLEP, Housing Services Partnership and Safer Communities Partnership Board be submitted to the Health and Wellbeing Board to ensure that they are aligned with the work of the Board.",
        "officers": ["Mike Sandys"],
        "comment": "This will be addressed through the performance framework, with targeted reports being submitted to the Board when appropriate.",
        "status": "GREEN",
        "due": ("date", None, "When appropriate"),
    },
    {
        "reference": "330(c)",
        "date": date(2016, 11, 17),
        "action": "Submit a report outlining progress with the development and delivery of the Suicide Prevention Strategy to a future meeting of the Health and Wellbeing Board.",
        "officers": ["Mike McHugh"],
        "comment": "Report scheduled for March 2017.",
        "status": "GREEN",
        "due": ("date", date(2017, 3, 31), "March 2017"),
    },
    {
        "reference": "330(d)",
        "date": date(2016, 11, 17),
        "action": "The Director of Public Health to ascertain whether the health profiles included prisoners and to clarify the underlying prevalence for drug use in Leicestershire.",
        "officers": ["Mike Sandys"],
        "comment": "Population estimates include all prisoners imprisoned in England and Wales with a sentence of 6 months or more. Prisoners are treated as a special population in the population estimates as it is assumed that movements of people into and out of prisons are not picked up by GP registers used to estimate internal migration. The underlying prevalence for drug use in Leicestershire will be clarified in due course.",
        "status": "AMBER",
        "due": ("meeting", (2017, 1, 5)),
    },
    {
        "reference": "333(b)",
        "date": date(2016, 11, 17),
        "action": "Public Health and Healthwatch to discuss whether specific cohorts of patients be targeted for further analysis of their views.",
        "officers": ["Vandna Gohil", "Mike Sandys"],
        "comment": "This is under consideration",
        "status": "AMBER",
        "due": ("meeting", (2016, 12, 6)),
    },
]
