using System.Text;

namespace Ipsec.Domain;

/// <summary>
/// Every error and warning code in one place. Codes name the field they concern, built from its JSON path:
/// <c>ikeConfig.ikeLifetime</c> becomes <c>InvalidParameter.IkeConfig.IkeLifetime</c>, list indexes are dropped
/// (<c>localSubnets[1]</c> becomes <c>InvalidParameter.LocalSubnets</c>), and a suffix may say which rule failed
/// (<c>InvalidParameter.BgpConfig.TunnelCidr.Reserved</c>).
/// </summary>
public static class ErrorCodes
{
    public const string VpnGatewayNotFound = "InvalidVpnGatewayId.NotFound";
    public const string CustomerGatewayNotFound = "InvalidCustomerGatewayId.NotFound";
    public const string RoutingModeOnLegacyGateway = "InvalidParameter.RoutingMode.LegacyGateway";
    public const string SmCertificatesNotBound = "InvalidOperation.SmCertificatesNotBound";
    public const string BgpCannotBeDisabled = "InvalidOperation.BgpCannotBeDisabled";
    public const string CustomerGatewayAsnRequired = "InvalidOperation.CustomerGatewayAsnRequired";
    public const string InvalidBody = "InvalidParameter.Body";

    public const string FqdnWithMainModeWarning = "Warning.FqdnWithMainMode";
    public const string WeakAlgorithmWarning = "Warning.WeakAlgorithm";

    /// <summary>Suffixes naming which rule of a field failed.</summary>
    public static class Reasons
    {
        public const string HostBitsSet = "HostBitsSet";
        public const string Empty = "Empty";
        public const string TooMany = "TooMany";
        public const string Duplicate = "Duplicate";
        public const string MultipleSubnetsRequireIkev2 = "MultipleSubnetsRequireIkev2";
        public const string AggressiveModeRequiresIkev1 = "AggressiveModeRequiresIkev1";
        public const string NotSupportedOnSmGateway = "NotSupportedOnSmGateway";
        public const string NotSupportedOnStandardGateway = "NotSupportedOnStandardGateway";
        public const string PrefixLength = "PrefixLength";
        public const string OutsideLinkLocal = "OutsideLinkLocal";
        public const string Reserved = "Reserved";
        public const string AlreadyUsed = "AlreadyUsed";
        public const string OutsideTunnelCidr = "OutsideTunnelCidr";
        public const string NotUsableHost = "NotUsableHost";
        public const string Immutable = "Immutable";
        public const string WrongType = "WrongType";
        public const string DuplicateProperty = "DuplicateProperty";
    }

    /// <summary><c>InvalidParameter.&lt;Field&gt;[.&lt;reason&gt;]</c>.</summary>
    public static string InvalidParameter(string field, string? reason = null) => Compose("InvalidParameter", field, reason);

    /// <summary><c>MissingParameter.&lt;Field&gt;</c>, for a required field that is absent.</summary>
    public static string MissingParameter(string field) => Compose("MissingParameter", field, null);

    /// <summary><c>Forbidden.FeatureNotAllowed.&lt;Feature&gt;</c> (PRODUCT.md section 2, account allow-list).</summary>
    public static string FeatureNotAllowed(Feature feature) => "Forbidden.FeatureNotAllowed." + feature;

    /// <summary>The code form of a JSON path: segments in PascalCase, list indexes dropped.</summary>
    public static string FieldCode(string field)
    {
        var code = new StringBuilder(field.Length);
        bool startOfSegment = true, insideIndex = false;
        foreach (char c in field)
        {
            if (insideIndex) { insideIndex = c != ']'; continue; }
            switch (c)
            {
                case '[': insideIndex = true; break;
                case '.': code.Append('.'); startOfSegment = true; break;
                default:
                    code.Append(startOfSegment ? char.ToUpperInvariant(c) : c);
                    startOfSegment = false;
                    break;
            }
        }
        return code.ToString();
    }

    private static string Compose(string prefix, string field, string? reason) =>
        reason is null ? $"{prefix}.{FieldCode(field)}" : $"{prefix}.{FieldCode(field)}.{reason}";
}
