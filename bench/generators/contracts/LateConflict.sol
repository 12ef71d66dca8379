// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// Late-conflict workloads for the read-checkpoint benchmark (issue 11): each
/// call does substantial work that depends on nothing another transaction
/// writes, and only THEN reads (and writes) shared state. A re-execution
/// caused by that late read repeats all the work unless the engine resumes
/// from a snapshot taken just before the read.

/// A keccak loop, then a read-increment-write of one counter.
/// Storage: slot 0 `counters` (mapping id => count), laid out in the pre-state.
contract LateCounter {
    mapping(uint256 => uint256) public counters;

    event Bumped(uint256 indexed id, uint256 count, bytes32 digest);

    /// `rounds` keccak-256 hashes over an 8-word memory buffer (each round
    /// hashes the whole buffer and writes the digest back into one of its
    /// words: ~110 gas a round, memory stays 256 bytes), then counters[id] += 1.
    function bump(uint256 id, uint256 rounds) external returns (uint256 count) {
        bytes32 digest = churn(bytes32(uint256(uint160(msg.sender))), rounds);
        count = counters[id] + 1; // the late read: first touch of shared state
        counters[id] = count;
        emit Bumped(id, count, digest);
    }

    function churn(bytes32 seed, uint256 rounds) internal pure returns (bytes32 digest) {
        bytes32[] memory buffer = new bytes32[](8);
        buffer[0] = seed;
        assembly {
            let words := add(buffer, 0x20)
            for { let i := 0 } lt(i, rounds) { i := add(i, 1) } {
                digest := keccak256(words, 0x100)
                mstore(add(words, shl(5, and(i, 7))), digest)
            }
        }
    }
}

interface IConstantProductPair {
    function reserve0() external view returns (uint112);
    function reserve1() external view returns (uint112);
    function swap(uint256 amountIn, bool zeroForOne, uint256 minOut) external returns (uint256 amountOut);
}

/// A router that swaps from its own token inventory through a
/// ConstantProductPair, reading the pool late: it first hashes the route
/// (`rounds` keccak rounds over the path words, standing in for path decoding
/// and quoting) and reads its own configuration (never written by a block),
/// then reads the pool's reserves (STATICCALLs), quotes, and calls swap.
/// The router holds both tokens and has approved the pair for them, so the
/// pair's transferFrom/transfer move the router's inventory.
/// Storage: slot 0 `registered` (pair => bool), slot 1 `feeBps` (pair =>
/// slippage tolerance in basis points), slot 2 `routedBy` (trader => swaps):
/// the first two laid out in the pre-state, the third the trader's own slot.
contract LateRouter {
    mapping(address => bool) public registered;
    mapping(address => uint256) public feeBps;
    mapping(address => uint256) public routedBy;

    event Routed(address indexed trader, address indexed pair, uint256 amountOut, bytes32 routeHash);

    function swapVia(address pair, uint256 amountIn, bool zeroForOne, uint256 rounds, bytes32[] calldata path) external returns (uint256 amountOut) {
        require(path.length > 0, "empty path");
        bytes32 routeHash = keccak256(abi.encode(msg.sender, path));
        for (uint256 i; i < rounds; ++i) routeHash = keccak256(abi.encode(routeHash, path[i % path.length]));
        require(registered[pair], "unknown pair");
        uint256 tolerance = feeBps[pair];
        // The late read of the hot pool.
        uint256 reserveIn = zeroForOne ? IConstantProductPair(pair).reserve0() : IConstantProductPair(pair).reserve1();
        uint256 reserveOut = zeroForOne ? IConstantProductPair(pair).reserve1() : IConstantProductPair(pair).reserve0();
        uint256 inWithFee = amountIn * 997;
        uint256 quote = (inWithFee * reserveOut) / (reserveIn * 1000 + inWithFee);
        amountOut = IConstantProductPair(pair).swap(amountIn, zeroForOne, (quote * (10_000 - tolerance)) / 10_000);
        routedBy[msg.sender] += 1;
        emit Routed(msg.sender, pair, amountOut, routeHash);
    }
}
