global using Ipsec.Domain;
global using Xunit;
