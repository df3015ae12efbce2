using System.Diagnostics.CodeAnalysis;
using Org.BouncyCastle.X509;

namespace Ipsec.Certificates;

/// <summary>The outcome of a certificate check: the parsed certificate when every rule passed, else the first rule that
/// failed. Checks never throw for bad input.</summary>
public sealed class CertificateCheckResult
{
    private CertificateCheckResult(X509Certificate? certificate, CertificateProblem? problem)
    {
        Certificate = certificate;
        Problem = problem;
    }

    /// <summary>The accepted certificate; null when refused.</summary>
    public X509Certificate? Certificate { get; }

    /// <summary>Why it was refused; null when accepted.</summary>
    public CertificateProblem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Certificate))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsValid => Problem is null;

    public static CertificateCheckResult Valid(X509Certificate certificate) => new(certificate, null);

    public static CertificateCheckResult Invalid(string code, string message) => new(null, new CertificateProblem(code, message));

    public override string ToString() => IsValid ? $"valid: {Certificate.SubjectDN}" : $"{Problem.Code}: {Problem.Message}";
}
