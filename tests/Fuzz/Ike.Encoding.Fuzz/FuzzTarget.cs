using Ike.Encoding.V2;

namespace Ike.Encoding.Fuzz;

/// <summary>
/// The property under test: for any bytes, <see cref="IkeMessageCodec.Decode"/> returns a result and never
/// throws; a result has the fields its status promises; and a message that decodes re-encodes into bytes that
/// decode to the same message.
/// </summary>
public static class FuzzTarget
{
    private static readonly PassThroughProtection Protection = new();

    /// <summary>Runs one input; throws <see cref="FuzzFindingException"/> (or whatever the codec threw) on a finding.</summary>
    public static DecodeResult Run(ReadOnlySpan<byte> input)
    {
        DecodeResult withoutKeys = IkeMessageCodec.Decode(input, null);
        Check(withoutKeys, protectionGiven: false);

        DecodeResult withKeys = IkeMessageCodec.Decode(input, Protection);
        Check(withKeys, protectionGiven: true);
        if (withKeys.Message is { } message)
        {
            CheckRoundTrip(message, withKeys.Status);
        }

        return withKeys;
    }

    private static void Check(DecodeResult result, bool protectionGiven)
    {
        bool consistent = result.Status switch
        {
            DecodeStatus.Ok => result.Message is not null && result.Header is not null,
            DecodeStatus.Malformed => result.MalformedReason is not null && result.MalformedOffset is >= 0,
            DecodeStatus.UnsupportedCriticalPayload => result.UnsupportedPayloadType is not null,
            DecodeStatus.IntegrityCheckFailed => false, // PassThroughProtection accepts every ICV, and without keys there is no check
            DecodeStatus.NeedsProtection => !protectionGiven,
            DecodeStatus.InvalidMajorVersion => result.Header is { MajorVersion: not IkeHeader.CurrentMajorVersion },
            DecodeStatus.RuleViolation => result.Message is not null && result.RuleViolation is not null,
            _ => false,
        };

        if (!consistent)
        {
            throw new FuzzFindingException($"Inconsistent decode result {result} (protection: {protectionGiven}).");
        }
    }

    private static void CheckRoundTrip(IkeMessage message, DecodeStatus status)
    {
        byte[] reencoded = IkeMessageCodec.Encode(message, Protection);
        DecodeResult again = IkeMessageCodec.Decode(reencoded, Protection);
        if (again.Status != status || !message.Equals(again.Message))
        {
            throw new FuzzFindingException($"Round trip changed the message: {status} became {again}.");
        }
    }
}

/// <summary>The codec broke a property the fuzz target checks.</summary>
public sealed class FuzzFindingException(string message) : Exception(message);
