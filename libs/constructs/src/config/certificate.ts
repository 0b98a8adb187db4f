import type { Problem } from '../errors';

/**
 * An ACM certificate ARN: `arn:<partition>:acm:<region>:<account>:certificate/<id>`.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscertificatemanager.html#awscertificatemanager-resources-for-iam-policies
 */
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[A-Za-z0-9-]+$/;

/** Region of an ACM certificate ARN, or undefined when the text is not one. */
export function certificateRegion(arn: string): string | undefined {
  return CERTIFICATE_ARN.exec(arn)?.[1];
}

/**
 * The one check of a certificate that must be in `region` (API Gateway custom domains and load
 * balancer listeners take an ACM certificate of their own Region only): given, an ACM ARN, and
 * in that Region. `use` says what the certificate is for, in the message.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-custom-domains-prerequisites.html
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html
 */
export function certificateProblems(
  arn: string | undefined,
  region: string,
  path: string,
  use: string,
): Problem[] {
  if (arn === undefined || arn.trim() === '') {
    return [
      {
        code: 'MissingCertificate',
        path,
        value: arn,
        allowed: `is required: an ACM certificate ARN of Region ${region} for ${use}`,
      },
    ];
  }
  const certRegion = certificateRegion(arn);
  if (certRegion === undefined) {
    return [
      {
        code: 'InvalidCertificateArn',
        path,
        value: arn,
        allowed: 'must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)',
      },
    ];
  }
  if (certRegion !== region) {
    return [
      {
        code: 'CertificateOutsideRegion',
        path,
        value: arn,
        allowed: `must be a certificate of Region ${region}: ${use} takes a certificate of its own Region`,
      },
    ];
  }
  return [];
}
