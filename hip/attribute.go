package hip

// Attribute is a hipDeviceAttribute_t. HIP numbers its attributes in its
// own order (alphabetical, unlike CUDA's), and the numbers below are the
// same in every libamdhip64 we load: ROCm 5.x, 6.x and 7.x headers agree
// (ROCm 6 renamed the removed entries to hipDeviceAttributeUnused1..5 but
// kept every slot). The pre-ROCm-4.3 numbering is not supported.
type Attribute int32

const (
	AttrClockRate                        Attribute = 5 // peak clock, kHz
	AttrConcurrentKernels                Attribute = 8
	AttrCooperativeLaunch                Attribute = 10
	AttrIntegrated                       Attribute = 16 // an APU
	AttrL2CacheSize                      Attribute = 19 // bytes
	AttrComputeCapabilityMajor           Attribute = 23 // gfx major (9 for gfx90a)
	AttrManagedMemory                    Attribute = 24
	AttrMaxBlockDimX                     Attribute = 26
	AttrMaxBlockDimY                     Attribute = 27
	AttrMaxBlockDimZ                     Attribute = 28
	AttrMaxGridDimX                      Attribute = 29
	AttrMaxGridDimY                      Attribute = 30
	AttrMaxGridDimZ                      Attribute = 31
	AttrMaxThreadsPerBlock               Attribute = 56
	AttrMaxThreadsPerMultiProcessor      Attribute = 57
	AttrMemoryBusWidth                   Attribute = 59 // bits
	AttrMemoryClockRate                  Attribute = 60 // kHz
	AttrComputeCapabilityMinor           Attribute = 61
	AttrMultiprocessorCount              Attribute = 63 // compute units
	AttrPciBusID                         Attribute = 67
	AttrPciDeviceID                      Attribute = 68
	AttrPciDomainID                      Attribute = 69
	AttrMaxRegistersPerBlock             Attribute = 71
	AttrMaxSharedMemoryPerBlock          Attribute = 74 // bytes (LDS)
	AttrTotalConstantMemory              Attribute = 83 // bytes
	AttrWarpSize                         Attribute = 87 // wavefront size
	AttrClockInstructionRate             Attribute = 10000
	AttrMaxSharedMemoryPerMultiprocessor Attribute = 10002
	AttrIsLargeBar                       Attribute = 10011
	AttrAsicRevision                     Attribute = 10012
)
