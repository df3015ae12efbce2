using System.Net;
using Ike.Agent.Control;

namespace Ike.Agent.Tests.Control;

public class ControlRequestTests
{
    private static ControlRequest? Parse(string line, out string? code, out string? message)
    {
        var request = ControlRequest.TryParse(System.Text.Encoding.UTF8.GetBytes(line), out var error);
        code = error?.Code;
        message = error?.Message;
        return request;
    }

    [Theory]
    [InlineData("""{"command":"load"}""", ControlCommand.Load)]
    [InlineData("""{"command":"list-conns"}""", ControlCommand.ListConns)]
    [InlineData("""{"command":"list-sas"}""", ControlCommand.ListSas)]
    [InlineData("""{"command":"watch"}""", ControlCommand.Watch)]
    public void Commands_without_arguments_parse(string line, ControlCommand command)
    {
        Assert.Equal(new ControlRequest(command), Parse(line, out _, out _));
    }

    [Fact]
    public void A_probe_carries_its_addresses_and_timeout_and_round_trips_through_its_line()
    {
        var request = Parse("""{"command":"probe","name":"idc","from":"10.0.0.1","to":"10.1.0.1","timeoutSeconds":2.5}""", out _, out _);

        var expected = new ControlRequest(ControlCommand.Probe, "idc", IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.1.0.1"), TimeSpan.FromSeconds(2.5));
        Assert.Equal(expected, request);
        Assert.Equal("""{"command":"probe","name":"idc","from":"10.0.0.1","to":"10.1.0.1","timeoutSeconds":2.5}""" + "\n", System.Text.Encoding.UTF8.GetString(expected.ToLine()));
        Assert.Equal(expected, ControlRequest.TryParse(expected.ToLine().AsMemory(0, expected.ToLine().Length - 1), out _));
    }

    [Theory]
    [InlineData("not json", ControlErrorCodes.BadRequest, "the request is not valid JSON")]
    [InlineData("[1,2]", ControlErrorCodes.BadRequest, "the request must be a JSON object")]
    [InlineData("{}", ControlErrorCodes.BadRequest, "\"command\" is required")]
    [InlineData("""{"command":7}""", ControlErrorCodes.BadRequest, "\"command\" is required, a string")]
    [InlineData("""{"command":"reboot"}""", ControlErrorCodes.UnknownCommand, "unknown command \"reboot\"; commands: load, list-conns, initiate, terminate, list-sas, probe, watch")]
    [InlineData("""{"command":"initiate"}""", ControlErrorCodes.BadRequest, "initiate needs \"name\"")]
    [InlineData("""{"command":"initiate","name":""}""", ControlErrorCodes.BadRequest, "initiate needs \"name\"")]
    [InlineData("""{"command":"initiate","name":5}""", ControlErrorCodes.BadRequest, "\"name\" must be a string")]
    [InlineData("""{"command":"initiate","name":"a","timeoutSeconds":0}""", ControlErrorCodes.BadRequest, "timeoutSeconds must be a number greater than 0")]
    [InlineData("""{"command":"initiate","name":"a","timeoutSeconds":"5"}""", ControlErrorCodes.BadRequest, "timeoutSeconds must be a number")]
    [InlineData("""{"command":"initiate","name":"a","timeoutSeconds":3601}""", ControlErrorCodes.BadRequest, "at most 3600")]
    [InlineData("""{"command":"list-conns","name":"a"}""", ControlErrorCodes.BadRequest, "list-conns takes no \"name\"")]
    [InlineData("""{"command":"terminate","name":"a","from":"1.2.3.4"}""", ControlErrorCodes.BadRequest, "terminate takes no \"from\"; it takes name, timeoutSeconds")]
    [InlineData("""{"command":"probe","name":"a","to":"10.1.0.1"}""", ControlErrorCodes.BadRequest, "probe needs \"from\"")]
    [InlineData("""{"command":"probe","name":"a","from":"10.0.0.1","to":"::1"}""", ControlErrorCodes.BadRequest, "probe needs \"to\"")]
    [InlineData("""{"command":"watch","command2":1}""", ControlErrorCodes.BadRequest, "watch takes no \"command2\"")]
    [InlineData("""{"command":"load","x":{"y":{"z":{"w":{"v":[1]}}}}}""", ControlErrorCodes.BadRequest, "the request is not valid JSON")]
    public void Malformed_requests_are_answered_with_a_code_and_reason(string line, string code, string message)
    {
        Assert.Null(Parse(line, out string? actualCode, out string? actualMessage));
        Assert.Equal(code, actualCode);
        Assert.Contains(message, actualMessage);
    }

    [Fact]
    public void Each_command_has_a_default_time_limit()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), new ControlRequest(ControlCommand.Initiate, "a").EffectiveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), new ControlRequest(ControlCommand.Probe, "a").EffectiveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(7), new ControlRequest(ControlCommand.Initiate, "a", Timeout: TimeSpan.FromSeconds(7)).EffectiveTimeout);
    }
}
