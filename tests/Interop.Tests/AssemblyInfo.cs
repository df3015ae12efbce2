using Xunit;

// Interop tests share host state: fixed UDP ports, loopback addresses on lo, and charon's policy routing rule
// 220, which every charon in the network namespace adds and the first clean shutdown removes. One at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
