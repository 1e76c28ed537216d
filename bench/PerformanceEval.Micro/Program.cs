using BenchmarkDotNet.Running;

// Micro-benchmarks of the text path's hot methods, with the bytes each call allocates:
//   dotnet run --project bench/PerformanceEval.Micro -c Release -- --filter '*'
//   dotnet run --project bench/PerformanceEval.Micro -c Release -- --filter '*LabelMatching*' --job short
// `bench text` (bench/PerformanceEval.Bench) measures the whole pipeline and each stage on the seeds.
BenchmarkSwitcher.FromAssembly(typeof(PerformanceEval.Micro.LabelMatching).Assembly).Run(args);
