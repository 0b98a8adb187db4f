"""AWS KMS."""

from __future__ import annotations

from typing import Any

from . import patch


@patch
def DescribeKey() -> None:
    """The key behind alias/aws/ebs, which EC2 creates on the first encrypted volume without a
    key, is an AWS managed key: DescribeKey reports `KeyManager: AWS`. moto reports CUSTOMER.
    https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html
    https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
    """
    from moto.ec2.models.elastic_block_store import EBSBackend
    from moto.kms import kms_backends

    original = EBSBackend._create_default_encryption_key

    def create_default_encryption_key(self: Any) -> str:
        arn = original(self)
        kms = kms_backends[self.account_id][self.region_name]
        kms.describe_key(arn).key_manager = "AWS"
        return arn

    EBSBackend._create_default_encryption_key = create_default_encryption_key
