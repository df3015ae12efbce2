using Ike.Agent.Configuration;
using Ike.Agent.Tests.TestSupport;

namespace Ike.Agent.Tests.Configuration;

/// <summary>The three ways to give a PSK: inline, <c>{"file": PATH}</c>, <c>{"env": NAME}</c>.</summary>
public class PskReferenceTests
{
    private static string WithPsk(string psk) => Configs.Minimal("idc").Replace($"\"{Configs.Psk}\"", psk);

    [Theory]
    [InlineData("secret-from-file")]
    [InlineData("secret-from-file\n")]
    [InlineData("secret-from-file\r\n")]
    public void A_psk_file_relative_to_the_config_is_read_without_its_line_end(string content)
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("secrets"));
        directory.Write("secrets/idc.psk", content);
        string path = directory.Write("agent.json", WithPsk("{ \"file\": \"secrets/idc.psk\" }"));

        var config = AgentConfigReader.Load(path);

        Assert.Equal("secret-from-file", System.Text.Encoding.UTF8.GetString(Assert.Single(config.Connections).Psk.Bytes));
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void A_psk_file_others_can_read_is_warned_about()
    {
        using var directory = new TempDirectory();
        directory.Write("idc.psk", "secret-from-file", UnixFileMode.UserRead | UnixFileMode.GroupRead);
        string path = directory.Write("agent.json", WithPsk("{ \"file\": \"idc.psk\" }"));

        var warning = Assert.Single(AgentConfigReader.Load(path).Warnings);

        Assert.Equal($"connections[0].psk.file: {directory.File("idc.psk")} holds a pre-shared key and is readable by group or others; chmod 600 it", warning);
    }

    [Fact]
    public void A_psk_file_with_two_lines_breaks_the_psk_rule_and_the_error_does_not_show_it()
    {
        using var directory = new TempDirectory();
        directory.Write("idc.psk", "first-line\nsecond-line\n");
        string path = directory.Write("agent.json", WithPsk("{ \"file\": \"idc.psk\" }"));

        var error = Assert.Throws<AgentConfigException>(() => AgentConfigReader.Load(path));

        Assert.Equal("connections[0].psk", Assert.Single(error.Errors).Field);
        Assert.DoesNotContain("first-line", error.Message);
    }

    [Fact]
    public void A_psk_file_larger_than_a_key_is_not_read()
    {
        using var directory = new TempDirectory();
        directory.Write("idc.psk", new string('k', 5000));
        string path = directory.Write("agent.json", WithPsk("{ \"file\": \"idc.psk\" }"));

        var error = Assert.Throws<AgentConfigException>(() => AgentConfigReader.Load(path));

        Assert.Contains("is 5000 bytes; a PSK file holds one key of at most 100 characters", Assert.Single(error.Errors).Message);
    }

    [Fact]
    public void A_psk_from_the_environment_is_used_and_an_invalid_one_is_not_echoed()
    {
        using var directory = new TempDirectory();
        string path = directory.Write("agent.json", WithPsk("{ \"env\": \"IDC_PSK\" }"));

        var config = AgentConfigReader.Load(path, name => name == "IDC_PSK" ? "from-env-42" : null);
        Assert.Equal("from-env-42", System.Text.Encoding.UTF8.GetString(Assert.Single(config.Connections).Psk.Bytes));

        var error = Assert.Throws<AgentConfigException>(() => AgentConfigReader.Load(path, _ => "has a space"));
        Assert.DoesNotContain("has a space", error.Message);
    }

    [Fact]
    public void A_later_invalid_connection_fails_the_whole_file()
    {
        // The first connection's key is read, then the second connection is invalid: nothing may keep the first key.
        string json = Configs.Minimal("good", "bad").Replace("{ \"name\": \"bad\", \"remoteAddress\": \"127.0.0.2\"", "{ \"name\": \"bad\", \"remoteAddress\": \"nowhere\"");

        var error = Assert.Throws<AgentConfigException>(() =>
            AgentConfigReader.Parse(System.Text.Encoding.UTF8.GetBytes(json), "agent.json", "/", _ => null));

        Assert.Equal("connections[1].remoteAddress", Assert.Single(error.Errors).Field);
    }
}
