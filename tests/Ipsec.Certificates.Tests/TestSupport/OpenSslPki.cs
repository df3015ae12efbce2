namespace Ipsec.Certificates.Tests.TestSupport;

/// <summary>
/// A customer-side PKI made with OpenSSL 3.0.19, an independent implementation, to show that what third-party tools
/// make is accepted:
/// <code>
/// openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -pkeyopt ec_param_enc:named_curve -out ca.key
/// openssl req -x509 -new -key ca.key -sm3 -sigopt distid:1234567812345678 -subj "/C=CN/O=example/OU=net/CN=idc" \
///   -days 36500 -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
/// openssl x509 -req -in ee.csr -CA ca.pem -CAkey ca.key -sm3 -sigopt distid:1234567812345678 -days 36500 \
///   -extfile ee.ext   # basicConstraints=critical,CA:FALSE; keyUsage=critical,digitalSignature
/// openssl verify -vfyopt distid:1234567812345678 -CAfile ca.pem ee.pem   # OK
/// </code>
/// Both valid from 2026-11-28T03:26:14Z to 2126-11-04T03:26:14Z.
/// </summary>
internal static class OpenSslPki
{
    public const string CaSubject = "CN=idc,OU=net,O=example,C=CN";

    public static readonly DateTimeOffset NotBefore = new(2026, 11, 28, 3, 26, 14, TimeSpan.Zero);

    public const string CaPem = """
        -----BEGIN CERTIFICATE-----
        MIIB3TCCAYOgAwIBAgIUAn2VWUBXLNCgRgzZeOqSpfSh0OMwCgYIKoEcz1UBg3Uw
        OzELMAkGA1UEBhMCQ04xEDAOBgNVBAoMB2V4YW1wbGUxDDAKBgNVBAsMA25ldDEM
        MAoGA1UEAwwDaWRjMCAXDTI2MTEyODAzMjYxNFoYDzIxMjYxMTA0MDMyNjE0WjA7
        MQswCQYDVQQGEwJDTjEQMA4GA1UECgwHZXhhbXBsZTEMMAoGA1UECwwDbmV0MQww
        CgYDVQQDDANpZGMwWTATBgcqhkjOPQIBBggqgRzPVQGCLQNCAASNZEzuYaaU+SzK
        Zd/rz0cb1P7cOJ+nESSfXMJJ98B1p1yevPrSuSGXwEJehQnsPD5/hnhrfdHTRcuK
        eyP8H3kHo2MwYTAdBgNVHQ4EFgQUw/9V4UGYBVsEoVjgZtfMu8wy+EQwHwYDVR0j
        BBgwFoAUw/9V4UGYBVsEoVjgZtfMu8wy+EQwDwYDVR0TAQH/BAUwAwEB/zAOBgNV
        HQ8BAf8EBAMCAQYwCgYIKoEcz1UBg3UDSAAwRQIgB+LgFqJPOQCECoFCyUYSqh82
        vogEdubZ2hFpItI64dsCIQDNgp66NAUF4kbgXunu+VT65f6Mb6hSCVIVAUgJYeL0
        IQ==
        -----END CERTIFICATE-----
        """;

    public const string SigningCertificatePem = """
        -----BEGIN CERTIFICATE-----
        MIIB4jCCAYigAwIBAgIUfYof3xti8byNc6tuPDR3ZfqsT8wwCgYIKoEcz1UBg3Uw
        OzELMAkGA1UEBhMCQ04xEDAOBgNVBAoMB2V4YW1wbGUxDDAKBgNVBAsMA25ldDEM
        MAoGA1UEAwwDaWRjMCAXDTI2MTEyODAzMjYxNFoYDzIxMjYxMTA0MDMyNjE0WjBD
        MQswCQYDVQQGEwJDTjEQMA4GA1UECgwHZXhhbXBsZTEMMAoGA1UECwwDbmV0MRQw
        EgYDVQQDDAtjZ3ctb3BlbnNzbDBZMBMGByqGSM49AgEGCCqBHM9VAYItA0IABO2W
        TJZONsw5lDPnvlsBNTm0yEcmuoYDyzQkDIJeiKm1yWd5SEfYTTXt+AM3VmfD+xLS
        GuAv2vCEdswqPGoP4XyjYDBeMAwGA1UdEwEB/wQCMAAwDgYDVR0PAQH/BAQDAgeA
        MB0GA1UdDgQWBBQB7Bu7p2spRqpCIMdvmGRIOLLMiTAfBgNVHSMEGDAWgBTD/1Xh
        QZgFWwShWOBm18y7zDL4RDAKBggqgRzPVQGDdQNIADBFAiEA6L5n94yoqlYkKNID
        b0zMMjVBWpoNlHEU3Nz86nNPt1wCIFnJSDVeuBprfTLGyA9DQtrwq8QYyiI6IxrY
        MijVlBSb
        -----END CERTIFICATE-----
        """;
}
