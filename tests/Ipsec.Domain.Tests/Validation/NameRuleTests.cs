namespace Ipsec.Domain.Tests.Validation;

public class NameRuleTests
{
    public static TheoryData<string, bool> Names => new()
    {
        { "连接1", true },
        { "1连接", false },                      // must start with a letter or a Chinese character
        { "a", false },                          // too short
        { "ab", true },
        { "连接", true },
        { "名", false },
        { new string('a', 128), true },
        { new string('a', 129), false },
        { new string('连', 128), true },
        { new string('连', 129), false },
        { "a-b_c9", true },
        { "vpn连接-北京_01", true },
        { "-ab", false },
        { "_ab", false },
        { "a b", false },
        { "a.b", false },
        { "a/b", false },
        { "ａｂ", false },                       // full-width letters are not English letters
        { "a١٢", false },                        // Arabic-Indic digits are not ASCII digits
        { "㐀a", true },                          // CJK Extension A
        { "", false },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Applies_the_seed_name_rule(string name, bool valid) => Assert.Equal(valid, NameRule.IsValid(name));

    [Theory]
    [InlineData("连接1", null)]
    [InlineData("1连接", "InvalidParameter.Name")]
    [InlineData("a", "InvalidParameter.Name")]
    public void Create_reports_the_name_field(string name, string? code)
    {
        var result = ConnectionRules.ValidateCreate(Fixtures.StandardRequest() with { Name = name }, Fixtures.Context());
        Expect.Outcome(result, code, "name");
    }
}
