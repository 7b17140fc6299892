"""Minutes of the Leicestershire Health and Wellbeing Board, 17 November 2016.

Transcribed from the published minutes (Agenda Item 1 of the next meeting's pack).
PDF line breaks are reflowed into paragraphs; wording, spelling and punctuation are as printed.
"""

from typing import Any

# Attendance as printed: (group heading as printed, name as printed, note as printed or "")
PRESENT = [
    ("Leicestershire County Council", "Mr. E. F. White CC", "In the Chair"),
    ("Leicestershire County Council", "Mr. Dave Houseman MBE, CC", ""),
    ("Leicestershire County Council", "Mr. I. D. Ould CC", ""),
    ("Leicestershire County Council", "Paul Meredith", ""),
    ("Leicestershire County Council", "Mike Sandys", ""),
    ("Leicestershire County Council", "John Sinnott", ""),
    ("Leicestershire County Council", "Jon Wilson", ""),
    ("Clinical Commissioning Groups", "Karen English", ""),
    ("Clinical Commissioning Groups", "Dr Andy Ker", ""),
    ("Clinical Commissioning Groups", "Prof Mayur Lakhani", ""),
    ("Clinical Commissioning Groups", "Toby Sanders", ""),
    ("Healthwatch Leicestershire", "Rick Moore", ""),
    ("Leicestershire District Councils", "Cllr Pam Posnett", ""),
    ("Leicestershire District Councils", "Cllr Pauline Ranson", ""),
    ("Leicestershire District Councils", "Jane Toman", ""),
]
IN_ATTENDANCE = [
    ("", "Wendy Hoult", "NHS England"),
    ("", "Chief Inspector Lou Cordiner", "Leicestershire Police"),
    ("", "Dr Avinash Hiremath", "Leicestershire Partnership Trust"),
]

# Each item: number, title, text, heading and its resolutions as (label, text).
ITEMS: list[dict[str, Any]] = [
    {
        "number": "320",
        "title": "Minutes and Action Log",
        "text": (
            "The minutes of the meeting held on 15 September were taken as read, confirmed and signed.\n"
            "\n"
            "The Board also noted the Action Log, which provided an update on actions agreed by the Board at its previous meetings."
        ),
        "heading": "",
        "resolutions": [],
    },
    {
        "number": "321",
        "title": "Urgent Items",
        "text": ("There were no urgent items for consideration."),
        "heading": "",
        "resolutions": [],
    },
    {
        "number": "322",
        "title": "Declarations of interest",
        "text": (
            "The Chairman invited members who wished to do so to declare any interest in respect of items on the agenda for the meeting.\n"
            "\n"
            "Rick Moore declared a personal interest which could lead to bias in the report on Healthwatch Leicestershire Review and Recommissioning (minute 324 refers) as he was the Chair of Healthwatch Leicestershire and undertook to leave the room during discussion of that item."
        ),
        "heading": "",
        "resolutions": [],
    },
    {
        "number": "323",
        "title": "Position Statement by the Chairman",
        "text": (
            "The Chairman gave a position statement on the following matters:\n"
            "\n"
            "- Reducing Loneliness in Leicestershire – local campaign;\n"
            "- Reducing Winter Falls;\n"
            "- Carers encouraged to have flu jab;\n"
            "- Home Care in Leicestershire: Introduction of Help to Live at Home;\n"
            "- Publications, News Digests and Resources.\n"
            "\n"
            "A copy of the position statement is filed with these minutes."
        ),
        "heading": "",
        "resolutions": [],
    },
    {
        "number": "324",
        "title": "Healthwatch Leicestershire Review and Recommissioning",
        "text": (
            "The Board considered a report and presentation from Leicestershire County Council which presented the conclusions and proposals arising from the review of Healthwatch Leicestershire. A copy of the report marked ‘Agenda Item 5’ and the slides forming the presentation is filed with these minutes.\n"
            "\n"
            "[Having previously declared a personal interest which could lead to bias in this matter, Rick Moore left the room during the consideration of this report.]\n"
            "\n"
            "The Chairman welcomed Liz Mair, Adam Billson and Colette Procter from Mair Health Ltd and Associates, the firm which had undertaken the review, to the meeting for this item.\n"
            "\n"
            "Members of the Board joined the Chairman in acknowledging the good work of Healthwatch Leicestershire; in particular the insight reports it produced which were of a very high standard.\n"
            "\n"
            "With regard to the recommendation for collaboration and partnership working with neighbouring Healthwatch organisations, it was noted that a number of partners supported this proposal; however facilitation may be required in order to deliver it effectively.\n"
            "\n"
            "The reviewers were of the view that the Healthwatch Leicestershire Board should in future have full accountability for its strategic direction and financial position."
        ),
        "heading": "RESOLVED:",
        "resolutions": [
            (
                "",
                "That the conclusions and proposals arising from the review of Healthwatch Leicestershire be noted.",
            ),
        ],
    },
    {
        "number": "325",
        "title": "Children and Families Partnership",
        "text": (
            "The Board considered a report of the Director of Children and Families Services which presented the draft terms of reference for a Children and Families Partnership to replace the Supporting Leicestershire Families Executive as a subgroup of the Health and Wellbeing Board. A copy of the report marked ‘Agenda Item 6’ is filed with these minutes.\n"
            "\n"
            "It was confirmed that the Children and Young People’s Plan would be written during the early part of 2017, with the aim of it being completed by April 2017."
        ),
        "heading": "RESOLVED:",
        "resolutions": [
            ("", "That the terms of reference for the Children and Families Partnership be approved."),
        ],
    },
    {
        "number": "326",
        "title": "Joint Health and Wellbeing Strategy",
        "text": (
            "The Board considered a report of the Director of Public Health which provided a summary of responses received from the consultation on the Leicestershire Joint Health and Wellbeing Strategy 2017 – 2022, advised of changes made to the Strategy in response to the consultation and sought approval for the final Strategy and its delivery arrangements. A copy of the report marked ‘Agenda Item 7’ is filed with these minutes."
        ),
        "heading": "RESOLVED:",
        "resolutions": [
            ("(a)", "That the Joint Health and Wellbeing Strategy 2017-2022 be approved;"),
            ("(b)", "That the key messages form the consultation feedback be noted;"),
            (
                "(c)",
                "That a delivery plan and performance framework be developed to monitor progress against the Strategy and reported to the Health and Wellbeing Board in due course.",
            ),
        ],
    },
    {
        "number": "327",
        "title": "Sustainability and Transformation Plan - Role of the Health and Wellbeing Board",
        "text": (
            "The Board considered a presentation from the Senior Responsible Officer for the Leicester, Leicestershire and Rutland Sustainability and Transformation Plan (STP) which provided an update on the development of the STP and set out next steps. A copy of the slides forming the presentation is filed with these minutes.\n"
            "\n"
            "Arising from discussion the following points were raised:\n"
            "\n"
            "(i) It was confirmed that the plan would be published during the following week. It would be a draft plan and would be further developed during a period of engagement with stakeholders and the public. Some elements of the Plan would require formal public engagement.\n"
            "\n"
            "(ii) The Board recognised the importance of seeing the STP as a whole package which would improve services for the local population. The Plan had a robust clinical case for change, based on the risk of patients deconditioning if they were inactive for a long period of time. To that end, the Plan aimed to improve out of hospital services and make sure that, where appropriate, they provided a safe and effective alternative to hospital treatment.\n"
            "\n"
            "(iii) The proposed number of bed reductions from acute and community hospitals would be published as part of the STP, along with an outline of the work needed to ensure that the reduction in beds could be made safely. The total planned reduction of acute beds across LLR set out in the STP had been revised down from the original figures in the Better Care Together Plan to reflect the fact that some community services developments, although well received by service users, were yet to have an impact on the overall level of demand on acute services.\n"
            "\n"
            "(iv) Patient choice for elective procedures would not be affected by the STP. Patients would also remain able to choose where they had outpatient and diagnostic appointments, although in order to ease pressure on the system more choice of locations for outpatient and diagnostic work were envisaged across Leicestershire’s communities in the future.\n"
            "\n"
            "(v) In response to concern being expressed that GPs did not have sufficient capacity to deliver the STP, the Board was assured that reference to “primary care” encompassed a much wider range of services, including health centres, integrated community teams and community specialist nurses. It was suggested that this was clarified before the Plan was published.\n"
            "\n"
            "(vi) The section of the STP on prevention had been produced with input from the local authorities and had been supported by public health expertise. This included building on work that already in place, through the Joint Strategic Needs Assessments, the District Councils and Unified Prevention Board, as well as areas for improvement.\n"
            "\n"
            "(vii) The new LLR System Leadership Team, which would oversee delivery of the STP, had held its first meeting that morning. It was considering governance and accountability arrangements, including the role of Health and Wellbeing Boards and Health Scrutiny Committees. A report on this matter would be submitted to the next meeting of the Health and Wellbeing Board."
        ),
        "heading": "RESOLVED:",
        "resolutions": [
            ("(a)", "That the update on the Sustainability and Transformation Plan be noted;"),
            (
                "(b)",
                "That a meeting of the Health and Wellbeing Board take place on Tuesday 6 December at 3pm to discuss the STP including governance arrangements and the role of the Health and Wellbeing Board.",
            ),
        ],
    },
    {
        "number": "328",
        "title": "Lightbulb Business Case",
        "text": (
            "The Board considered a report of the Director of Health and Care Integration which presented the Lightbulb Programme Business Case for transforming practical housing in Leicestershire, sought support from the Board for the proposed new, integrated model of housing support that would support wider health and wellbeing outcomes and outlined the process and timetable for approval of the Business Case across local authority partners. A copy of the report marked ‘Agenda Item 9’ is filed with these minutes.\n"
            "\n"
            "The collaborative working between District Councils and the County Council to develop the business case was welcomed."
        ),
        "heading": "RESOLVED:",
        "resolutions": [
            (
                "(a)",
                "That the potential benefits of service transformation and integration set out in the Lightbulb Business Case be noted;",
            ),
            (
                "(b)",
                "That the new, integrated model for housing support outlined in the Lightbulb Business Case be supported, recognising the positive impact this new model will have on health and wellbeing outcomes for vulnerable Leicestershire citizens;",
            ),
            (
                "(c)",
                "That the timetable for approving the Business Case across local authority partners and for the implementation of the new model by October 2017 be noted.",
            ),
        ],
    },
    {
        "number": "329",
        "title": "Change to the Order of Business",
        "text": (
            "The Chairman sought and obtained the consent of the Board to vary the order of business from that set out on the agenda."
        ),
        "heading": "",
        "resolutions": [],
    },
    {
        "number": "330",
        "title": "Annual Report of the Director of Public Health",
        "text": (
            "The Board considered a report of the Director of Public Health which presented his Annual Report for 2016 and sought the views of the Board on the recommendations. A copy of the report marked ‘Agenda Item 11’ is filed with these minutes.\n"
            "\n"
            "In response to a query, the Director of Public Health undertook to check whether the statistics included prisoners. This was particularly relevant in terms of drug related deaths. The Director also undertook to confirm the underlying prevalence of drug use in Leicestershire."
        ),
        "heading": "RESOLVED:",
        "resolutions": [
            ("(a)", "That the Annual Report of the Director of Public Health for 2016 be noted;"),
            (
                "(b)",
                "That the Health and Wellbeing Board receives regular, targeted updates from the LLEP, Housing Services Partnership and Safer Communities Partnership Board to ensure that they are aligned with the work of the Board;",
            ),
            (
                "(c)",
                "That a report outlining progress with the development and delivery of the Suicide Prevention Strategy be submitted to a future meeting of the Health and Wellbeing Board;",
            ),
            (
                "(d)",
                "That the Director of Public Health be asked to ascertain whether the health profiles included prisoners and to clarify the underlying prevalence for drug use in Leicestershire.",
            ),
        ],
    },
    {
        "number": "331",
        "title": "Urgent Care: Development of Integrated Urgent Care and Winter Planning",
        "text": (
            "The Board considered a report of the Leicester, Leicestershire and Rutland CCGs which set out the winter planning process for winter 2016/17 and provided an update on progress within the Leicester, Leicestershire and Rutland (LLR) Urgent Care Vanguard, particularly with regard to the urgent care services being procured for 2017/18. A copy of the report marked ‘Agenda Item 10’ is filed with these minutes.\n"
            "\n"
            "Work was currently being undertaken to understand why LLR had the highest number of urgent and life threatening ‘red’ responses in the East Midlands. It was hoped that this work would identify additional actions that could be taken to reduce ambulance waiting times.\n"
            "\n"
            "Paramedics had been issued with smartphones with a directory of services which would help them to identify options other than the Emergency Department for patients who needed urgent treatment. A Geriatrician was also working with EMAS to provide knowledge regarding the options for treating older people."
        ),
        "heading": "RESOLVED:",
        "resolutions": [
            ("(a)", "That the winter planning process for winter 2016/17 be noted;"),
            (
                "(b)",
                "That progress within the Leicester, Leicestershire and Rutland Urgent Care Vanguard including the urgent care services being procured for 2017/18 be noted.",
            ),
        ],
    },
    {
        "number": "332",
        "title": "CAMHS Update",
        "text": (
            "The Board considered a report of the Leicester, Leicestershire and Rutland CCGs which provided an update on the progress and current position of the Mental Health and Wellbeing Transformation Plan delivered through Future in Mind – Children and Young People’s Mental Health and Wellbeing Transformation Programme. A copy of the report marked ‘Agenda Item 12’ is filed with these minutes.\n"
            "\n"
            "The Board was pleased to note that the pace of delivery of the Future in Mind Plan had accelerated and that the Plan was being refreshed. However, concern was expressed that no money had been spent during the first twelve months of the Plan and that during the last six months there had been further slippage in funding. The Board was assured that £1.8 million funding for CAMHS was ring fenced for frontline services through a local agreement with NHS England. There would be no barrier or delay to the release of these funds at the appropriate time.\n"
            "\n"
            "Examples of where front line services had received funding and made service improvements during the past year included a reduction in the number of out of county placements and the development of a single gateway to community mental health and wellbeing services. Improvements in early help had also led to a decrease in the number of children and young people reaching crisis although it was acknowledged that there was more to do in this area.\n"
            "\n"
            "Concern was also expressed that Looked After Children were not referenced in the current plan. These children often had significant needs and statistically found it difficult to access services. It was hoped that this would be addressed through the refresh of the Plan.\n"
            "\n"
            "It was suggested that some money was available nationally for CCGs to access for support to unaccompanied asylum seekers being resettled in the local area. CCG officers undertook to follow this up.\n"
            "\n"
            "The new Children and Families Partnership would be able to track progress with the refresh and delivery of the Plan. It would be important to ensure that progress was made to not only meet increasing levels of need but also to decrease need."
        ),
        "heading": "RESOLVED:",
        "resolutions": [
            (
                "",
                "That the progress and current position of the Mental Health and Wellbeing Transformational Plan delivered through the Future in Mind – Children and Young People’s Mental Health and Wellbeing Transformation Programme be noted.",
            ),
        ],
    },
    {
        "number": "333",
        "title": "Healthwatch Summer Tour Feedback",
        "text": (
            "The Board considered a report and presentation from Healthwatch Leicestershire which presented the findings of Healthwatch Leicestershire’s Summer Tour Campaign that saw Healthwatch Leicestershire listen to members of the public at various locations across the county."
        ),
        "heading": "RESOLVED:",
        "resolutions": [
            ("(a)", "That the findings of the Healthwatch Summer Tour 2016 be noted;"),
            (
                "(b)",
                "That Public Health and Healthwatch discuss whether specific cohorts of patients be targeted for further analysis of their views.",
            ),
        ],
    },
    {
        "number": "334",
        "title": "Date of next meeting",
        "text": (
            "It was noted that future meetings of the Health and Wellbeing Board would take place on the following dates:\n"
            "\n"
            "6th December 2016 at 3.00pm;\n"
            "5th January 2017 at 2.00pm."
        ),
        "heading": "",
        "resolutions": [],
    },
]
