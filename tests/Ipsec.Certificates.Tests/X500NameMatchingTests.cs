using Org.BouncyCastle.Asn1.X509;

namespace Ipsec.Certificates.Tests;

public class X500NameMatchingTests
{
    // Two RFC 4514 strings and whether they name the same X.500 name (RFC 5280 §7.1 with RFC 4518 preparation).
    [Theory]
    [InlineData("CN=idc,OU=net,O=example,C=CN", "cn=IDC, ou=net, o=example, c=cn", true)] // PRODUCT.md's example
    [InlineData("CN=idc,OU=net,O=example,C=CN", "CN = idc , OU = net , O = example , C = CN", true)]
    [InlineData("CN=IDC  Beijing,O=example", "cn=idc beijing,o=EXAMPLE", true)] // inner spaces count as one
    [InlineData("CN=idc,O=example", "2.5.4.3=idc,2.5.4.10=example", true)] // types compare by OID
    [InlineData("CN=ｉｄｃ,O=example", "CN=idc,O=example", true)] // NFKC: fullwidth letters
    [InlineData("CN=idc,OU=net,O=example,C=CN", "OU=net,CN=idc,O=example,C=CN", false)] // order matters
    [InlineData("CN=idc,OU=net,O=example,C=CN", "CN=idc,O=example,C=CN", false)] // missing attribute
    [InlineData("CN=idc,OU=net,O=example,C=CN", "CN=idc2,OU=net,O=example,C=CN", false)]
    [InlineData("CN=idc,O=example", "CN=id c,O=example", false)] // spaces inside a word are not insignificant
    [InlineData("CN=idc,O=example", "O=idc,O=example", false)] // same value, other type
    public void Names_compare_as_x500_names(string left, string right, bool equal)
    {
        Assert.True(X500NameMatching.TryParse(left, out var leftName, out _));
        Assert.True(X500NameMatching.TryParse(right, out var rightName, out _));

        Assert.Equal(equal, X500NameMatching.AreEqual(leftName, rightName));
        Assert.Equal(equal, X500NameMatching.AreEqual(rightName, leftName));
    }

    [Fact]
    public void The_string_lists_rdns_leaf_first_as_rfc4514_does()
    {
        Assert.True(X500NameMatching.TryParse("CN=idc,OU=net,O=example,C=CN", out var name, out _));

        // DER order is root first: C, O, OU, CN.
        Assert.Equal([X509Name.C, X509Name.O, X509Name.OU, X509Name.CN], name.GetOidList());
        Assert.Equal("CN=idc,OU=net,O=example,C=CN", X500NameMatching.ToRfc4514(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("idc")]
    [InlineData("CM=idc,O=example")]
    [InlineData("CN=idc;O=example")]
    public void What_is_not_a_distinguished_name_is_refused(string text)
    {
        Assert.False(X500NameMatching.TryParse(text, out var name, out var problem));
        Assert.Null(name);
        Assert.NotEmpty(problem);
    }
}
