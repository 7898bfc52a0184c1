package io.gpucloud.compute.keypair;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** x509 "key pairs" (a PEM certificate, microversion 2.2+): Nova fingerprints them by SHA-1 of the DER bytes. */
final class X509Certificates {

    private X509Certificates() {
    }

    static String fingerprint(String pem) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return Fingerprints.sha1(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new InvalidPublicKeyException("Keypair data is invalid: the certificate cannot be encoded.");
        } catch (CertificateException | ClassCastException e) {
            throw new InvalidPublicKeyException("Keypair data is invalid: not a PEM-encoded x509 certificate.");
        }
    }
}
