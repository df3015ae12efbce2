using Ike.Engine.Api;

namespace Ike.HandshakeBench.Responder;

/// <summary>The responder's own count of what it did, from <see cref="IIkeEngine.EventRaised"/>; read from any thread.</summary>
internal sealed class HandshakeCounters
{
    private long _ikeEstablished;
    private long _childEstablished;
    private long _ikeDeleted;
    private long _failed;

    public long IkeEstablished => Interlocked.Read(ref _ikeEstablished);

    public void OnEvent(EngineEvent engineEvent)
    {
        switch (engineEvent.Type)
        {
            case EngineEventType.IkeSaEstablished:
                Interlocked.Increment(ref _ikeEstablished);
                break;
            case EngineEventType.ChildSaEstablished:
                Interlocked.Increment(ref _childEstablished);
                break;
            case EngineEventType.IkeSaDeleted:
                Interlocked.Increment(ref _ikeDeleted);
                break;
            case EngineEventType.NegotiationFailed:
                Interlocked.Increment(ref _failed);
                break;
        }
    }

    /// <summary>One line, e.g. "ike_established=6500 child_established=6500 ike_deleted=6500 failed=0".</summary>
    public override string ToString() =>
        $"ike_established={IkeEstablished} child_established={Interlocked.Read(ref _childEstablished)} " +
        $"ike_deleted={Interlocked.Read(ref _ikeDeleted)} failed={Interlocked.Read(ref _failed)}";
}
