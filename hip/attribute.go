package hip

// DeviceAttribute is a hipDeviceAttribute_t. HIP numbers its attributes in its
// own order (alphabetical, unlike CUDA's), and the numbers below are the
// same in every libamdhip64 we load: ROCm 5.x, 6.x and 7.x headers agree
// (ROCm 6 renamed the removed entries to hipDeviceAttributeUnused1..5 but
// kept every slot). The pre-ROCm-4.3 numbering is not supported.
type DeviceAttribute int32

const (
	AttrClockRate                        DeviceAttribute = 5 // peak clock, kHz
	AttrConcurrentKernels                DeviceAttribute = 8
	AttrCooperativeLaunch                DeviceAttribute = 10
	AttrIntegrated                       DeviceAttribute = 16 // an APU
	AttrL2CacheSize                      DeviceAttribute = 19 // bytes
	AttrComputeCapabilityMajor           DeviceAttribute = 23 // gfx major (9 for gfx90a)
	AttrManagedMemory                    DeviceAttribute = 24
	AttrMaxBlockDimX                     DeviceAttribute = 26
	AttrMaxBlockDimY                     DeviceAttribute = 27
	AttrMaxBlockDimZ                     DeviceAttribute = 28
	AttrMaxGridDimX                      DeviceAttribute = 29
	AttrMaxGridDimY                      DeviceAttribute = 30
	AttrMaxGridDimZ                      DeviceAttribute = 31
	AttrMaxThreadsPerBlock               DeviceAttribute = 56
	AttrMaxThreadsPerMultiProcessor      DeviceAttribute = 57
	AttrMemoryBusWidth                   DeviceAttribute = 59 // bits
	AttrMemoryClockRate                  DeviceAttribute = 60 // kHz
	AttrComputeCapabilityMinor           DeviceAttribute = 61
	AttrMultiprocessorCount              DeviceAttribute = 63 // compute units
	AttrPciBusID                         DeviceAttribute = 67
	AttrPciDeviceID                      DeviceAttribute = 68
	AttrPciDomainID                      DeviceAttribute = 69
	AttrMaxRegistersPerBlock             DeviceAttribute = 71
	AttrMaxSharedMemoryPerBlock          DeviceAttribute = 74 // bytes (LDS)
	AttrTotalConstantMemory              DeviceAttribute = 83 // bytes
	AttrWarpSize                         DeviceAttribute = 87 // wavefront size
	AttrClockInstructionRate             DeviceAttribute = 10000
	AttrMaxSharedMemoryPerMultiprocessor DeviceAttribute = 10002
	AttrIsLargeBar                       DeviceAttribute = 10011
	AttrAsicRevision                     DeviceAttribute = 10012
)
