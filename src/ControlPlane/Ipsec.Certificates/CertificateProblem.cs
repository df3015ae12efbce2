namespace Ipsec.Certificates;

/// <summary>Why a certificate was refused: a code of <see cref="CertificateErrorCodes"/> and a message for people.
/// Messages name subjects and dates, never key material.</summary>
public sealed record CertificateProblem(string Code, string Message);
