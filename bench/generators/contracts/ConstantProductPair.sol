// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

interface IERC20 {
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/// A Uniswap-v2-style constant-product pool over two ERC20 tokens, for the
/// benchmark's swap blocks. One call swaps: the trader's input tokens move in
/// with transferFrom (the trader approved the pool), the output tokens move
/// out with transfer, and the reserves are updated (0.3% fee).
/// Storage: slot 0 token0, slot 1 token1, slot 2 reserve0 (low 112 bits) and
/// reserve1 (next 112 bits) packed — laid out directly in the pre-state.
contract ConstantProductPair {
    address public token0;
    address public token1;
    uint112 public reserve0;
    uint112 public reserve1;

    event Swap(address indexed trader, bool zeroForOne, uint256 amountIn, uint256 amountOut);

    function swap(uint256 amountIn, bool zeroForOne, uint256 minOut) external returns (uint256 amountOut) {
        uint256 r0 = reserve0;
        uint256 r1 = reserve1;
        (address tokenIn, address tokenOut, uint256 reserveIn, uint256 reserveOut) =
            zeroForOne ? (token0, token1, r0, r1) : (token1, token0, r1, r0);
        uint256 inWithFee = amountIn * 997;
        amountOut = (inWithFee * reserveOut) / (reserveIn * 1000 + inWithFee);
        require(amountOut > 0 && amountOut >= minOut, "slippage");
        require(IERC20(tokenIn).transferFrom(msg.sender, address(this), amountIn), "transfer in");
        require(IERC20(tokenOut).transfer(msg.sender, amountOut), "transfer out");
        if (zeroForOne) {
            reserve0 = uint112(r0 + amountIn);
            reserve1 = uint112(r1 - amountOut);
        } else {
            reserve0 = uint112(r0 - amountOut);
            reserve1 = uint112(r1 + amountIn);
        }
        emit Swap(msg.sender, zeroForOne, amountIn, amountOut);
    }
}

/// Reads the block's beneficiary: stores coinbase.balance under the caller
/// (so readers do not conflict with each other, only with the fee payments
/// before them).
contract CoinbaseReader {
    mapping(address => uint256) public seen;

    function look() external {
        seen[msg.sender] = block.coinbase.balance;
    }
}
