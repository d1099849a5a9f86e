"""The fixed tables of QR format LW2: key names, string values, the DEFLATE dictionary's parts.

Why tables: most of a Verifiable Credential's bytes are the same few hundred names every
credential repeats (JSON-LD context URLs, `type` values, property names, cryptosuites). A
presentation that names them by number, and compresses the rest against a dictionary of the
vocabulary credentials are written in, needs far fewer QR modules.

Everything here is part of the format (docs/qr-format.md): the position of an entry is its
number, so entries are only ever appended in a new format version, never moved or removed.
The names come from the W3C VC 2.0 and Data Integrity vocabularies, the Open Badges 3.0
context, the extension keys `wallet/formats/details.py` reads, and JOSE / SD-JWT claim names.
"""

from __future__ import annotations

from typing import Any

# JSON object keys, by number (CBOR map key = unsigned integer). The first 24 are one byte.
KEYS: tuple[str, ...] = tuple(
    """
@context id type name description issuer validFrom validUntil credentialSubject proof
cryptosuite created verificationMethod proofPurpose proofValue holder verifiableCredential
achievement credentialStatus url image criteria narrative identifier
expires challenge domain nonce previousProof statusPurpose statusListIndex
statusListCredential statusSize statusMessage status value result resultDescription resultType
allowedValue achievementType alignment targetName targetFramework targetCode targetType
targetUrl targetDescription creditsAvailable creditsEarned fieldOfStudy humanCode inLanguage
email address addressCountry addressCountryCode addressLocality addressRegion postalCode
streetAddress postOfficeBoxNumber identityHash identityType hashed salt identifierType
awardedDate evidence credentialSchema termsOfUse refreshService relatedResource renderMethod
endorsement endorsementComment creator version tag specialization otherIdentifier related
source term role activityStartDate activityEndDate licenseNumber caption phone official
parentOrg givenName familyName additionalName dateOfBirth level framework achievedLevel
requiredLevel requiredValue rubricCriterionLevel valueMax valueMin points genre audience geo
latitude longitude digestMultibase digestSRI mediaType encodedList ttl jsonSchema
confidenceMethod microCredentialExtension creditUnit learningOutcomes assessment
participation qualityAssurance notionalLearningHours identityVerification workload
@id @type @vocab @value @language
alg kid typ iss sub iat exp nbf aud jti vc vp cnf jwk _sd _sd_alg kty crv x y
""".split()
)

# String values, by number (CBOR tag 6 around an unsigned integer). The first 24 are shortest.
VALUES: tuple[str, ...] = tuple(
    """
VerifiablePresentation VerifiableCredential OpenBadgeCredential AchievementCredential
Profile AchievementSubject Achievement DataIntegrityProof eddsa-rdfc-2022 eddsa-jcs-2022
assertionMethod authentication https://www.w3.org/ns/credentials/v2
https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json BitstringStatusListEntry
revocation suspension IdentityObject Address Alignment Result ResultDescription
EnvelopedVerifiableCredential Image
https://www.w3.org/ns/credentials/undefined-terms/v2
https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json
https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json
https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.0.json
https://purl.imsglobal.org/spec/ob/v3p0/extensions.json
https://www.w3.org/2018/credentials/v1 https://www.w3.org/ns/credentials/examples/v2
https://w3id.org/security/data-integrity/v2 https://w3id.org/security/data-integrity/v1
https://w3id.org/security/multikey/v1 https://w3id.org/security/suites/ed25519-2020/v1
https://w3id.org/vc/status-list/2021/v1 https://www.w3.org/ns/did/v1
ecdsa-rdfc-2019 ecdsa-jcs-2019 ecdsa-sd-2023 bbs-2023 Ed25519Signature2020 Multikey
Criteria Evidence EndorsementCredential EndorsementSubject IdentifierEntry GeoCoordinates
Related RubricCriterionLevel StatusList2021Entry BitstringStatusListCredential
BitstringStatusList 1EdTechRevocationList 1EdTechCredentialRefresh
1EdTechJsonSchemaValidator2019 JsonSchema JsonSchemaCredential
EnvelopedVerifiablePresentation capabilityInvocation capabilityDelegation keyAgreement
name sourcedId systemId productId userName accountId emailAddress nationalIdentityNumber isbn
issn lisSourcedId oneRosterSourcedId sisSourcedId ltiContextId ltiDeploymentId ltiToolId
ltiPlatformId ltiUserId identifier
ApprenticeshipCertificate Assessment Assignment AssociateDegree Award Badge BachelorDegree
Certificate CertificateOfCompletion Certification CommunityService Competency Course
CoCurricular Degree Diploma DoctoralDegree Fieldwork GeneralEducationDevelopment
JourneymanCertificate LearningProgram License Membership ProfessionalDoctorate
QualityAssuranceCredential MasterCertificate MasterDegree MicroCredential ResearchDoctorate
SecondarySchoolDiploma
GradePointAverage LetterGrade Percent PerformanceLevel PredictedScore RawScore
RubricCriterion RubricScore ScaledScore Status
Completed Enrolled Failed InProgress OnHold Provisional Withdrew
ceasn:Competency ceterms:Credential CFItem CFRubric CFRubricCriterion CFRubricCriterionLevel
CTDL
EdDSA ES256 ES384 RS256 PS256 JWT vc+jwt vc+sd-jwt dc+sd-jwt kb+jwt sha-256 OKP EC Ed25519
P-256 application/vc+jwt application/vc+sd-jwt data:application/vc+jwt,
data:application/vc+sd-jwt,
""".split()
)

# The text half of the preset DEFLATE dictionary (the other half is TEMPLATE packed, see
# qr_json.DICTIONARY): words and URL pieces credentials are written with, so the compressor can
# point back at them instead of spelling them out. DEFLATE reaches at most 32 KiB back and
# nearer is cheaper, so the likeliest text comes last. Written for this format from the specs'
# vocabulary and plain English; no credential's own text is in it.
DICTIONARY_TEXT = """\
Mathematics Engineering Business Management Accounting Nursing Health Science Biology
Chemistry Physics Psychology Education Teaching Law Marketing Finance Economics Design
Architecture Construction Agriculture Hospitality Tourism Languages English History Arts
Information Technology Computer Science Software Development Cyber Security Data Science
Networking Programming Web Development Cloud Computing Artificial Intelligence Sustainability
Environmental Leadership Communication Customer Service Project Management Workplace Safety
Health and Safety First Aid Community Volunteer Mentoring Digital Literacy Critical Thinking
Problem Solving Teamwork Creativity Entrepreneurship Research Methods Statistics Analytics
European Qualifications Framework (EQF) level European Credit Transfer and Accumulation
System (ECTS) credits New Zealand Qualifications and Credentials Framework (NZQCF) NZQF
Australian Qualifications Framework (AQF) Qualifications Authority Ministry of Education
Department of University of College of Institute of Technology Polytechnic School of Academy
Centre for Center for Faculty of Board Council Association Foundation Agency Trust Limited
online in person on campus on-site remote blended hybrid full-time part-time self-paced
hours of learning weeks days evening weekend module modules workshop workshops lectures
tutorials seminars placement internship apprenticeship work-based work-integrated
identify describe explain apply analyse analyze evaluate create design develop implement
plan manage communicate demonstrate understand interpret compare select use build write
knowledge skills competence competencies responsibility autonomy understanding of the
principles practices processes tools techniques methods standards requirements policies
assessment assessed examination exam practical observation project portfolio presentation
report essay quiz test oral interview case study reflection peer review criteria rubric
supervised invigilated proctored verified identity checked quality assurance accredited
approved recognised recognized programme program course unit micro-credential certificate
diploma degree badge award completion participation attendance completed passed achieved
earned awarded issued learners learner students student participants successfully
Pass Merit Distinction Excellence Achieved Not Achieved Credit Fail grade score result
January February March April May June July August September October November December
 a an the of and or to in on for with by at from as is are be has have will can that this
 which who their its it not all each every any other more than into about through using
, and , or . The . This . A . It . They : ; - ( ) ' "
https://www. https:// http:// .com/ .org/ .net/ .edu/ .ac.uk/ .ac.nz/ .edu.au/ .gov/ .govt.nz/
.eu/ .de/ .fr/ .nl/ .example/ .example.org/ .example.com/ /achievements/ /badges/
/credentials/ /issuers/ /profiles/ /status/ /revocation/ /suspension/ /keys/ /images/
/criteria/ /evidence/ /courses/ /programs/ /programmes/ /skills/ /competencies/ .png .svg
.json #key-1 #key- did:web: did:jwk: ext: ceasn: urn:isbn: mailto: tel:
data:image/png;base64, data:image/svg+xml;base64, @example.org @example.com
"""

# The structure half: the shape of a typical one-credential presentation of an OB 3.0
# credential, with every changing value left empty, so the map and array headers, keys and
# table values around them are found in the dictionary.
TEMPLATE: dict[str, Any] = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiablePresentation"],
    "holder": "",
    "verifiableCredential": [
        {
            "@context": [
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            ],
            "id": "",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "name": "",
            "issuer": {
                "id": "",
                "type": ["Profile"],
                "name": "",
                "url": "https://",
                "description": "",
                "email": "",
            },
            "validFrom": "",
            "credentialSubject": {
                "id": "",
                "type": ["AchievementSubject"],
                "identifier": [
                    {
                        "type": ["IdentityObject"],
                        "identityHash": "",
                        "identityType": "emailAddress",
                        "hashed": False,
                    }
                ],
                "achievement": {
                    "id": "https://",
                    "type": ["Achievement"],
                    "achievementType": "Badge",
                    "name": "",
                    "description": "",
                    "criteria": {"narrative": ""},
                    "image": {"id": "https://", "type": "Image"},
                    "alignment": [
                        {
                            "type": ["Alignment"],
                            "targetName": "",
                            "targetFramework": "",
                            "targetCode": "",
                            "targetType": "",
                            "targetUrl": "https://",
                        }
                    ],
                    "resultDescription": [
                        {
                            "id": "",
                            "type": ["ResultDescription"],
                            "name": "",
                            "resultType": "Status",
                        }
                    ],
                },
                "result": [
                    {"type": ["Result"], "resultDescription": "", "status": "Completed"},
                    {"type": ["Result"], "resultDescription": "", "value": ""},
                ],
            },
            "credentialStatus": {
                "id": "https://",
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": "",
                "statusListCredential": "https://",
            },
            "proof": {
                "type": "DataIntegrityProof",
                "cryptosuite": "eddsa-rdfc-2022",
                "created": "",
                "verificationMethod": "",
                "proofPurpose": "assertionMethod",
                "proofValue": "",
            },
        }
    ],
    "proof": {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "",
        "expires": "",
        "verificationMethod": "",
        "proofPurpose": "authentication",
        "challenge": "",
        "domain": "",
        "proofValue": "",
    },
}
