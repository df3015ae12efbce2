using Microsoft.Extensions.Time.Testing;

namespace Ipsec.Certificates.Tests.TestSupport;

/// <summary>Clocks for certificate tests: every check takes "now" from one of these, never from the machine.</summary>
internal static class Clock
{
    /// <summary>Inside the validity of every fixture (the OpenSSL ones start 2026-11-28T03:26:14Z).</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider At(DateTimeOffset instant) => new(instant);

    public static FakeTimeProvider AtStart() => At(Start);
}
