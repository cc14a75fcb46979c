"""Schedule 12A to the Local Government Act 1972, Part 1: descriptions of exempt information."""

from django.db import models


class ExemptParagraph(models.IntegerChoices):
    INDIVIDUAL = 1, "Information relating to any individual."
    IDENTITY = 2, "Information which is likely to reveal the identity of an individual."
    FINANCIAL = (
        3,
        (
            "Information relating to the financial or business affairs of any particular person "
            "(including the authority holding that information)."
        ),
    )
    LABOUR_RELATIONS = (
        4,
        (
            "Information relating to any consultations or negotiations, or contemplated "
            "consultations or negotiations, in connection with any labour relations matter arising "
            "between the authority or a Minister of the Crown and employees of, or office holders "
            "under, the authority."
        ),
    )
    LEGAL_PRIVILEGE = (
        5,
        (
            "Information in respect of which a claim to legal professional privilege could be "
            "maintained in legal proceedings."
        ),
    )
    NOTICES_AND_ORDERS = (
        6,
        (
            "Information which reveals that the authority proposes (a) to give under any enactment "
            "a notice under or by virtue of which requirements are imposed on a person; or (b) to "
            "make an order or direction under any enactment."
        ),
    )
    CRIME = (
        7,
        (
            "Information relating to any action taken or to be taken in connection with the "
            "prevention, investigation or prosecution of crime."
        ),
    )
