using Ike.Encoding.V2;
using Ike.Engine.Api;

namespace Ike.Engine.Sa;

/// <summary>What a task says after a step (strongSwan's status_t for tasks).</summary>
public enum TaskStatus
{
    /// <summary>The task finished its part of the exchange.</summary>
    Done,

    /// <summary>The task needs another round trip (an initiator after N(COOKIE) or INVALID_KE_PAYLOAD, §1.2 / §2.6).</summary>
    NeedMore,

    /// <summary>The task failed; the IKE SA lives on (e.g. a CHILD SA refused inside IKE_AUTH, §1.2).</summary>
    Failed,

    /// <summary>The task failed in a way that ends the IKE SA (no proposal, authentication failed, peer deleted it).</summary>
    DestroySa,
}

/// <summary>Which piece of protocol a task is (logs, collisions, and which exchange carries it).</summary>
public enum IkeTaskType
{
    IkeInit, IkeNatd, IkeAuth, ChildCreate, ChildRekey, IkeRekey, IkeDelete, ChildDelete, IkeDpd,
}

/// <summary>
/// One piece of an exchange (strongSwan task_t): it adds its payloads to a message and consumes its payloads from the
/// answer. The role is fixed when the task is made: an initiator task builds a request then processes the response,
/// a responder task processes the request then builds the response. No exception leaves a task for anything the peer
/// sent; failures are statuses plus a <see cref="Failure"/> diagnostic.
/// </summary>
internal interface IIkeTask
{
    IkeTaskType Type { get; }

    /// <summary>Adds this task's payloads.</summary>
    TaskStatus Build(MessageBuilder message);

    /// <summary>Consumes this task's payloads of a received message.</summary>
    TaskStatus Process(IkeMessage message);

    /// <summary>Why the task failed, for events and <see cref="NegotiationResult"/>; null while it has not.</summary>
    NegotiationDiagnostic? Failure { get; }
}
