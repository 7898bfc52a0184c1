/**
 * AWS Signature Version 4 verification for the S3 API, in plain Java (JDK crypto only, no servlet
 * or Spring types), so that it can be tested against AWS's published examples and reused by any
 * controller.
 *
 * <pre>
 * controller                                   this package
 * ----------                                   ------------
 * new SignedRequest(method, raw URI, raw query, headers)
 *   -> SigV4Verifier.verify(request)           header or presigned URL; scope, clock, key, signature
 *        SecretLookup.find(accessKeyId)        identity's EC2 credentials
 *   &lt;- VerifiedRequest                         project, user, payload mode, signing context
 * PayloadDecoder.open(verified, request, body) SHA-256 / aws-chunked chunk signatures / trailer checksum
 *   -> storage engine reads to -1, keeps the object; on S3AuthException discards it
 * S3AuthException                              S3 error code, HTTP status, error-body details
 * </pre>
 */
package io.gpucloud.objectstorage.s3.auth;
