using System.Text.Json.Serialization;

namespace Ipsec.ControlPlane.Engine.Remote;

/// <summary>
/// One instruction from the control plane to a gateway's engine, as it travels on the gateway's command queue. Every
/// command names the gateway (which queue it goes to), the connection, a unique <see cref="CommandId"/> and
/// <see cref="ReplyTo"/>: the durable orchestration instance that sent it and waits for the result as the external
/// event <see cref="EngineReplies.EventName"/>. <see cref="ReplyTo"/> is empty when nobody waits.
/// </summary>
/// <remarks>The <c>kind</c> discriminator comes first in the JSON; unknown kinds are refused by
/// <see cref="EngineMessageCodec"/> as a typed failure.</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ApplyConnectionCommand), EngineCommandKinds.Apply)]
[JsonDerivedType(typeof(InitiateNegotiationCommand), EngineCommandKinds.Initiate)]
[JsonDerivedType(typeof(RemoveConnectionCommand), EngineCommandKinds.Remove)]
[JsonDerivedType(typeof(QueryConnectionCommand), EngineCommandKinds.Query)]
public abstract record EngineCommand(string CommandId, string ReplyTo, string VpnGatewayId, string AccountId, string ConnectionId)
{
    /// <summary>The discriminator written as <c>kind</c>, also echoed in the result.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }
}

public static class EngineCommandKinds
{
    public const string Apply = "apply", Initiate = "initiate", Remove = "remove", Query = "query";
}

/// <summary>Load or replace the connection in the engine; with <c>effectImmediately</c> it starts negotiating.</summary>
/// <remarks>The spec carries the PSK in the message body: the queue lives in the control plane's own storage account,
/// which the agent reaches with its own credentials. <see cref="GatewayConnectionSpec.ToString"/> masks it, so neither
/// this record's ToString nor a log line built from it shows it.</remarks>
public sealed record ApplyConnectionCommand(string CommandId, string ReplyTo, string VpnGatewayId, string AccountId, string ConnectionId,
    GatewayConnectionSpec Spec) : EngineCommand(CommandId, ReplyTo, VpnGatewayId, AccountId, ConnectionId)
{
    [JsonIgnore] public override string Kind => EngineCommandKinds.Apply;
}

/// <summary>Start negotiating now (POST /api/connections/{id}/negotiate).</summary>
public sealed record InitiateNegotiationCommand(string CommandId, string ReplyTo, string VpnGatewayId, string AccountId, string ConnectionId)
    : EngineCommand(CommandId, ReplyTo, VpnGatewayId, AccountId, ConnectionId)
{
    [JsonIgnore] public override string Kind => EngineCommandKinds.Initiate;
}

/// <summary>Delete the connection's SAs (Delete notifications to the peer) and unload it.</summary>
public sealed record RemoveConnectionCommand(string CommandId, string ReplyTo, string VpnGatewayId, string AccountId, string ConnectionId)
    : EngineCommand(CommandId, ReplyTo, VpnGatewayId, AccountId, ConnectionId)
{
    [JsonIgnore] public override string Kind => EngineCommandKinds.Remove;
}

/// <summary>Report what the engine knows about the connection (the watch loop's drift check).</summary>
public sealed record QueryConnectionCommand(string CommandId, string ReplyTo, string VpnGatewayId, string AccountId, string ConnectionId)
    : EngineCommand(CommandId, ReplyTo, VpnGatewayId, AccountId, ConnectionId)
{
    [JsonIgnore] public override string Kind => EngineCommandKinds.Query;
}

/// <summary>Command ids: random, so two sends of the same step (a retried activity) never share an answer.</summary>
public static class EngineCommandIds
{
    public static string New() => Guid.NewGuid().ToString("N");
}
