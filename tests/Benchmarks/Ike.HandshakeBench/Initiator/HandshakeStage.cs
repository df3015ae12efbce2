namespace Ike.HandshakeBench.Initiator;

/// <summary>Which response a handshake waits for: IKE_SA_INIT (message 0), IKE_AUTH (1), the INFORMATIONAL Delete (2).</summary>
internal enum HandshakeStage
{
    AwaitingInitResponse,
    AwaitingAuthResponse,
    AwaitingDeleteResponse,
    Finished,
}
