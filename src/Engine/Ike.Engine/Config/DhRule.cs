namespace Ike.Engine.Config;

/// <summary>How the D-H transforms of a CHILD SA proposal are treated, which depends on the exchange.</summary>
public enum DhRule
{
    /// <summary>IKE_AUTH: no KE payload can accompany the SA (RFC 7296 §1.2), so D-H transforms are ignored and none
    /// is put in the reply (strongSwan strips them from its own IKE_AUTH proposals for the same reason).</summary>
    Ignore,

    /// <summary>CREATE_CHILD_SA with PFS configured: one of our groups must be in the proposal (§1.3.1).</summary>
    Required,

    /// <summary>CREATE_CHILD_SA without PFS: a proposal that insists on a group (no NONE among its D-H transforms)
    /// does not match; the product says both sides must agree on PFS (PRODUCT.md §3 <c>ipsecPfs</c>).</summary>
    Forbidden,
}
