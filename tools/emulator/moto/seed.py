"""Seeds the emulator with what a stack's config refers to but does not create.

    python3 seed.py ENDPOINT certificate ACCOUNT REGION DOMAIN

Imports a self-signed certificate for DOMAIN (and *.DOMAIN) into ACM in that account and Region
and prints its ARN, the value the harness hands to the app's config.
https://docs.aws.amazon.com/acm/latest/APIReference/API_ImportCertificate.html
"""

from __future__ import annotations

import datetime
import sys

import boto3
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


def self_signed(domain: str) -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain), x509.DNSName(f"*.{domain}")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    pem_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM), pem_key


def acm_client(endpoint: str, account: str, region: str) -> object:
    keys = {"aws_access_key_id": "emulator-not-a-key", "aws_secret_access_key": "emulator-not-a-secret"}
    sts = boto3.client("sts", endpoint_url=endpoint, region_name=region, **keys)
    creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/emulator", RoleSessionName="seed")["Credentials"]
    return boto3.client(
        "acm", endpoint_url=endpoint, region_name=region,
        aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"],
    )


if __name__ == "__main__":
    endpoint, kind, account, region, domain = sys.argv[1:6]
    if kind != "certificate":
        raise SystemExit(f"seed: unknown kind {kind}")
    cert, key = self_signed(domain)
    print(acm_client(endpoint, account, region).import_certificate(Certificate=cert, PrivateKey=key)["CertificateArn"])
