"""A test PKI for Europass EDC seals and a test EU trusted-list snapshot, built from scratch.

Test root -> seal CA (the service a national trusted list names as "QC for eSeal, granted")
-> seal certificate of an organisation; a LOTL signer (pinned by the tests, as the Official
Journal pins the real ones) signs the LOTL; the LOTL names the national list's signer. Every
key is made here; nothing is fetched.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml.xades.xades import XAdESSigner

from wallet.proofs.jades import seal_jades

DATA = Path(__file__).resolve().parents[1] / "data"
LOTL_URL = "https://ec.europa.eu/tools/lotl/eu-lotl.xml"
TL_URL = "https://trust.example.lu/tsl/LU-TL.xml"

SIGNED_AT = dt.datetime(2026, 6, 1, 9, 30, tzinfo=dt.UTC)  # when the test seal is made
TL_ISSUED = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)
TL_NEXT = dt.datetime(2027, 5, 2, 8, 0, tzinfo=dt.UTC)  # after conftest.JOSE_AT

TSL = "http://uri.etsi.org/02231/v2#"
ADD = "http://uri.etsi.org/02231/v2/additionaltypes#"
QC_CA = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC"
GRANTED = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted"
WITHDRAWN = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn"
FOR_ESEALS = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSeals"


def _der(tag: int, body: bytes) -> bytes:
    n = len(body)
    length = bytes([n]) if n < 128 else bytes([0x81, n])
    return bytes([tag]) + length + body


def _oid(dotted: str) -> bytes:
    parts = [int(p) for p in dotted.split(".")]
    out = bytes([parts[0] * 40 + parts[1]])
    for p in parts[2:]:
        chunk = [p & 0x7F]
        p >>= 7
        while p:
            chunk.append(0x80 | (p & 0x7F))
            p >>= 7
        out += bytes(reversed(chunk))
    return _der(0x06, out)


def qc_statements(eseal: bool = True) -> bytes:
    """QCStatements: QcCompliance, and QcType eseal (ETSI EN 319 412-5)."""
    stmts = _der(0x30, _oid("0.4.0.1862.1.1"))
    if eseal:
        stmts += _der(0x30, _oid("0.4.0.1862.1.6") + _der(0x30, _oid("0.4.0.1862.1.6.2")))
    return _der(0x30, stmts)


def _name(cn: str, org: str | None = None, country: str = "LU") -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, country)]
    if org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(attrs)


def make_cert(
    subject: x509.Name,
    key: Any,
    issuer: x509.Name,
    issuer_key: Any,
    *,
    ca: bool,
    start: dt.datetime,
    end: dt.datetime,
    qc: bytes | None = None,
) -> x509.Certificate:
    b = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    )
    if qc is not None:
        b = b.add_extension(
            x509.UnrecognizedExtension(x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3"), qc),
            critical=False,
        )
    return b.sign(issuer_key, hashes.SHA256())


def der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


Y2020 = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
Y2040 = dt.datetime(2040, 1, 1, tzinfo=dt.UTC)


@dataclass
class SealPki:
    """Root -> seal CA -> seal certificate of "Universitas Testensis"."""

    root_key: Any = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    ca_key: Any = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    leaf_key: Any = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    org: str = "Universitas Testensis"
    tsp: str = "Test Trust Services"  # who runs the CA

    def __post_init__(self) -> None:
        self.root_name = _name(f"{self.tsp} Root CA", self.tsp)
        self.ca_name = _name(f"{self.tsp} Qualified eSeal CA", self.tsp)
        self.root = make_cert(
            self.root_name, self.root_key, self.root_name, self.root_key,
            ca=True, start=Y2020, end=Y2040,
        )  # fmt: skip
        self.ca = make_cert(
            self.ca_name, self.ca_key, self.root_name, self.root_key,
            ca=True, start=Y2020, end=Y2040,
        )  # fmt: skip
        self.leaf = self.leaf_for(self.org, self.leaf_key)

    def leaf_for(
        self,
        org: str,
        key: Any,
        *,
        start: dt.datetime = dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        end: dt.datetime = dt.datetime(2028, 1, 1, tzinfo=dt.UTC),
        qc: bytes | None = None,
    ) -> x509.Certificate:
        return make_cert(
            _name(f"{org} seal", org), key, self.ca_name, self.ca_key,
            ca=False, start=start, end=end, qc=qc if qc is not None else qc_statements(),
        )  # fmt: skip

    def seal(
        self,
        document: bytes,
        *,
        key: Any = None,
        chain: list[x509.Certificate] | None = None,
        at: dt.datetime = SIGNED_AT,
    ) -> bytes:
        certs = chain if chain is not None else [self.leaf, self.ca]
        return seal_jades(
            document,
            key if key is not None else self.leaf_key,
            [der(c) for c in certs],
            signing_time=at,
            alg="RS256" if isinstance(key or self.leaf_key, rsa.RSAPrivateKey) else None,
        )


def edc_document() -> bytes:
    """The public ELM v3 sample's payload (tests/data/edc, see its SOURCE.md), re-sealed here."""
    import json

    sealed = json.loads((DATA / "edc" / "Sample-MC-Annex1-signed.jsonld").read_bytes())
    return str(sealed["payload"]).encode("utf-8")


# --- trusted lists --------------------------------------------------------------------------


def _el(parent: Any, tag: str, text: str | None = None, ns: str = TSL, **attrs: str) -> Any:
    el = etree.SubElement(parent, f"{{{ns}}}{tag}", **attrs)
    if text is not None:
        el.text = text
    return el


def _names(parent: Any, tag: str, text: str) -> None:
    holder = _el(parent, tag)
    _el(holder, "Name", text, **{"{http://www.w3.org/XML/1998/namespace}lang": "en"})


def _digital_id(parent: Any, tag: str, certs: list[x509.Certificate]) -> None:
    holder = _el(parent, tag)
    sdi = _el(holder, "ServiceDigitalIdentity") if tag == "ServiceDigitalIdentities" else holder
    for c in certs:
        did = _el(sdi, "DigitalId")
        _el(did, "X509Certificate", base64.b64encode(der(c)).decode())


def _scheme(root: Any, territory: str, tsl_type: str) -> Any:
    info = _el(root, "SchemeInformation")
    _el(info, "TSLVersionIdentifier", "5")
    _el(info, "TSLSequenceNumber", "7")
    _el(info, "TSLType", tsl_type)
    _names(info, "SchemeOperatorName", f"Supervisor {territory}")
    _el(info, "SchemeTerritory", territory)
    return info


def _dates(info: Any, issued: dt.datetime, nxt: dt.datetime) -> None:
    _el(info, "ListIssueDateTime", issued.strftime("%Y-%m-%dT%H:%M:%SZ"))
    _el(_el(info, "NextUpdate"), "dateTime", nxt.strftime("%Y-%m-%dT%H:%M:%SZ"))


def national_list(
    services: list[tuple[str, x509.Certificate, str, bool]],
    *,
    territory: str = "LU",
    issued: dt.datetime = TL_ISSUED,
    nxt: dt.datetime = TL_NEXT,
) -> Any:
    """A national list: (service name, CA certificate, status URI, for seals) per service."""
    root = etree.Element(f"{{{TSL}}}TrustServiceStatusList", nsmap={"tsl": TSL}, Id="tsl")
    info = _scheme(root, territory, "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric")
    _dates(info, issued, nxt)
    tsps = _el(root, "TrustServiceProviderList")
    tsp = _el(tsps, "TrustServiceProvider")
    _names(_el(tsp, "TSPInformation"), "TSPName", "Test Trust Services S.A.")
    svcs = _el(tsp, "TSPServices")
    for name, cert, status, seals in services:
        si = _el(_el(svcs, "TSPService"), "ServiceInformation")
        _el(si, "ServiceTypeIdentifier", QC_CA)
        _names(si, "ServiceName", name)
        _digital_id(si, "ServiceDigitalIdentity", [cert])
        _el(si, "ServiceStatus", status)
        _el(si, "StatusStartingTime", "2020-01-01T00:00:00Z")
        if seals:
            ext = _el(_el(si, "ServiceInformationExtensions"), "Extension", Critical="false")
            _el(_el(ext, "AdditionalServiceInformation"), "URI", FOR_ESEALS)
    return root


def lotl(
    pointers: list[tuple[str, str, x509.Certificate]],
    *,
    issued: dt.datetime = TL_ISSUED,
    nxt: dt.datetime = TL_NEXT,
) -> Any:
    """The LOTL: (territory, list URL, that list's signing certificate) per national list."""
    root = etree.Element(f"{{{TSL}}}TrustServiceStatusList", nsmap={"tsl": TSL}, Id="lotl")
    info = _scheme(root, "EU", "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists")
    ptrs = _el(info, "PointersToOtherTSL")
    for territory, url, signer in pointers:
        ptr = _el(ptrs, "OtherTSLPointer")
        _digital_id(ptr, "ServiceDigitalIdentities", [signer])
        _el(ptr, "TSLLocation", url)
        add = _el(ptr, "AdditionalInformation")
        _el(_el(add, "OtherInformation"), "TSLType",
            "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric")  # fmt: skip
        _el(_el(add, "OtherInformation"), "SchemeTerritory", territory)
        _el(_el(add, "OtherInformation"), "MimeType", "application/vnd.etsi.tsl+xml", ns=ADD)
    _dates(info, issued, nxt)
    return root


def sign_list(root: Any, key: Any, cert: x509.Certificate) -> bytes:
    """XAdES-sign a list (enveloped), as the Commission and the member states do."""
    signed = XAdESSigner(signature_algorithm="ecdsa-sha256").sign(root, key=key, cert=[cert])
    return etree.tostring(signed, xml_declaration=True, encoding="UTF-8")


@dataclass
class TrustedLists:
    """A LOTL signer, a national-list signer, and the two lists as published bytes."""

    pki: SealPki
    lotl_key: Any = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    tl_key: Any = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))

    def __post_init__(self) -> None:
        n1, n2 = _name("EU LOTL signer", "European Commission", "BE"), _name("LU TL signer")
        self.lotl_cert = make_cert(n1, self.lotl_key, n1, self.lotl_key, ca=False,
                                   start=Y2020, end=Y2040)  # fmt: skip
        self.tl_cert = make_cert(n2, self.tl_key, n2, self.tl_key, ca=False,
                                 start=Y2020, end=Y2040)  # fmt: skip

    def documents(
        self,
        *,
        status: str = GRANTED,
        seals: bool = True,
        issued: dt.datetime = TL_ISSUED,
        nxt: dt.datetime = TL_NEXT,
        tl_signer: tuple[Any, x509.Certificate] | None = None,
    ) -> dict[str, bytes]:
        """URL -> bytes of the LOTL and the national list (signed by `tl_signer` if given)."""
        key, cert = tl_signer or (self.tl_key, self.tl_cert)
        tl = national_list(
            [("Test QC for eSeal", self.pki.ca, status, seals)], issued=issued, nxt=nxt
        )
        top = lotl([("LU", TL_URL, self.tl_cert)])
        return {
            LOTL_URL: sign_list(top, self.lotl_key, self.lotl_cert),
            TL_URL: sign_list(tl, key, cert),
        }
