namespace Ike.Engine.Sa;

/// <summary>
/// A token bucket for answers to unprotected messages (RFC 7296 §2.21.4: "A node needs to limit the rate at which it
/// will send messages in response to unprotected messages"): up to <c>perSecond</c> in a burst, refilled at
/// <c>perSecond</c> a second. Anyone can send us such messages with a forged source, so without a limit we would be a
/// reflector. Single-threaded: only the engine loop calls it.
/// </summary>
internal sealed class UnprotectedResponseLimiter
{
    private readonly TimeProvider _time;
    private readonly int _perSecond;
    private double _tokens;
    private long _refilledAt;

    public UnprotectedResponseLimiter(TimeProvider time, int perSecond)
    {
        _time = time;
        _perSecond = Math.Max(perSecond, 0);
        _tokens = _perSecond;
        _refilledAt = time.GetTimestamp();
    }

    /// <summary>True when one more answer may go now (and takes its token).</summary>
    public bool TryTake()
    {
        long now = _time.GetTimestamp();
        _tokens = Math.Min(_perSecond, _tokens + (_time.GetElapsedTime(_refilledAt, now).TotalSeconds * _perSecond));
        _refilledAt = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens--;
        return true;
    }
}
