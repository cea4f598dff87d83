// What a file is, from its first bytes: a native library for which OS and CPU, a .NET assembly, or
// data. The package checks use it to find a foreign native library whatever its name.

/** Enough of a file to classify it: PE headers sit in the first kilobyte of every image we ship. */
export const headBytes = 4096;

const elfMachines = { 0x03: 'x86', 0x28: 'arm', 0x3e: 'x64', 0xb7: 'arm64' };
const machoCpus = { 0x00000007: 'x86', 0x01000007: 'x64', 0x0000000c: 'arm', 0x0100000c: 'arm64' };
const peMachines = { 0x014c: 'x86', 0x8664: 'x64', 0x01c4: 'arm', 0xaa64: 'arm64' };

/**
 * { kind: 'native', os, arch } | { kind: 'managed' } | { kind: 'data' } for the head of a file.
 * A universal Mach-O reports every architecture it holds in `archs`.
 */
export function classifyBinary(head) {
  const b = Buffer.from(head);
  if (b.length >= 20 && b.readUInt32BE(0) === 0x7f454c46) {
    const little = b[5] === 1;
    const machine = little ? b.readUInt16LE(18) : b.readUInt16BE(18);
    return { kind: 'native', os: 'linux', arch: elfMachines[machine] ?? `elf-machine-${machine}` };
  }
  if (b.length >= 8 && (b.readUInt32LE(0) === 0xfeedfacf || b.readUInt32LE(0) === 0xfeedface)) {
    const cpu = b.readUInt32LE(4);
    return { kind: 'native', os: 'macos', arch: machoCpus[cpu] ?? `macho-cpu-${cpu}` };
  }
  if (b.length >= 8 && b.readUInt32BE(0) === 0xcafebabe && b.readUInt32BE(4) > 0 && b.readUInt32BE(4) < 20) {
    // A universal (fat) Mach-O; Java class files share the magic but carry a large version there.
    const archs = [];
    for (let i = 0; i < b.readUInt32BE(4) && 8 + i * 20 + 4 <= b.length; i++) {
      const cpu = b.readUInt32BE(8 + i * 20);
      archs.push(machoCpus[cpu] ?? `macho-cpu-${cpu}`);
    }
    return { kind: 'native', os: 'macos', arch: archs.length === 1 ? archs[0] : 'universal', archs };
  }
  if (b.length >= 64 && b.readUInt16LE(0) === 0x5a4d) {
    const pe = b.readUInt32LE(0x3c);
    if (pe + 24 > b.length || b.readUInt32BE(pe) !== 0x50450000) return { kind: 'data' };
    const machine = b.readUInt16LE(pe + 4);
    const optional = pe + 24;
    const magic = b.readUInt16LE(optional);
    // Data directory 14 is the CLR header: present in every .NET assembly, absent from native DLLs.
    const clrEntry = optional + (magic === 0x20b ? 112 : 96) + 14 * 8;
    if (clrEntry + 8 <= b.length && b.readUInt32LE(clrEntry) !== 0) return { kind: 'managed' };
    return { kind: 'native', os: 'windows', arch: peMachines[machine] ?? `pe-machine-${machine}` };
  }
  return { kind: 'data' };
}

/** Does a native binary run on the platform (os, arch)? A universal Mach-O does when it holds the arch. */
export function runsOn(kind, platform) {
  if (kind.kind !== 'native') return true;
  if (kind.os !== platform.os) return false;
  return kind.archs ? kind.archs.includes(platform.arch) : kind.arch === platform.arch;
}
