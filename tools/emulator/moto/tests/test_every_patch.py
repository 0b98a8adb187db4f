"""Every emulator patch cites the AWS API reference and has a boto3 test named after its API."""

from __future__ import annotations

import os
import unittest

import support  # noqa: F401  (applies the patches)
from patches import PATCHES


def test_names() -> list[str]:
    suite = unittest.defaultTestLoader.discover(os.path.dirname(os.path.abspath(__file__)), pattern="test_*.py")
    names: list[str] = []

    def walk(tests: unittest.TestSuite) -> None:
        for test in tests:
            if isinstance(test, unittest.TestSuite):
                walk(test)
            else:
                names.append(test.id().rsplit(".", 1)[-1])

    walk(suite)
    return names


class EveryPatch(unittest.TestCase):
    def test_cites_the_aws_reference_and_has_a_test_named_after_its_api(self):
        tests = test_names()
        for fn in PATCHES:
            self.assertIn("https://docs.aws.amazon.com/", fn.__doc__ or "", fn.__name__)
            self.assertTrue(any(t.startswith(f"test_{fn.__name__}_") for t in tests), f"no test_{fn.__name__}_... test")
