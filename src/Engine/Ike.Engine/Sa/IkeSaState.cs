namespace Ike.Engine.Sa;

/// <summary>Life of an IKE SA (strongSwan's ike_sa_state_t, wireguard's explicit handshake states). Every step checks
/// the state first; only <see cref="IkeSa"/>'s owner moves it.</summary>
public enum IkeSaState
{
    /// <summary>Made, nothing sent or received yet.</summary>
    Created,

    /// <summary>IKE_SA_INIT / IKE_AUTH in progress.</summary>
    Connecting,

    /// <summary>Both sides authenticated.</summary>
    Established,

    /// <summary>A CREATE_CHILD_SA rekeying this IKE SA is in progress.</summary>
    Rekeying,

    /// <summary>Replaced by a new IKE SA; waiting for the Delete of this one.</summary>
    Rekeyed,

    /// <summary>A Delete for this IKE SA is in flight.</summary>
    Deleting,

    /// <summary>Gone: keys wiped, removed from every table.</summary>
    Destroyed,

    /// <summary>A new IKE SA made by one of two colliding rekeys (RFC 7296 §2.8.2) that carries no traffic: it waits for
    /// the nonce rule's outcome and then either inherits the CHILD SAs or is deleted by the end that created it.</summary>
    Passive,
}

/// <summary>Life of a CHILD SA.</summary>
public enum ChildSaState
{
    Installed,
    Rekeying,

    /// <summary>Replaced by a new CHILD SA; the Delete of this one follows.</summary>
    Rekeyed,
    Deleting,
    Deleted,
}
